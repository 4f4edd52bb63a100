package io.pushfleet.control.registry;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the control plane makes of one registered node (DESIGN 3.9). A node is <em>live</em> when its
 * last report is younger than the node TTL and its info key still exists; it is <em>selectable</em>
 * for new clients when it is live and {@link NodeState#UP}.
 *
 * @param info the node's last report, empty when the key expired or held something unreadable
 */
public record NodeStatus(NodeId nodeId, Instant lastReportAt, Optional<NodeInfo> info, boolean live,
                         boolean selectable) {

    public NodeStatus {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(lastReportAt, "lastReportAt");
        requireNonNull(info, "info");
        if (selectable && !live) {
            throw new IllegalArgumentException("selectable: true while live: false (expected: selectable implies live)");
        }
    }

    /** Applies the liveness rule to one report and its (possibly missing) info at {@code now}. */
    public static NodeStatus evaluate(NodeReport report, Optional<NodeInfo> info, Instant now, Duration nodeTtl) {
        boolean fresh = isFresh(report, now, nodeTtl);
        boolean live = fresh && info.isPresent();
        boolean selectable = live && info.get().state() == NodeState.UP;
        return new NodeStatus(report.nodeId(), report.lastReportAt(), info, live, selectable);
    }

    /** Whether the report is younger than {@code nodeTtl} at {@code now}. */
    public static boolean isFresh(NodeReport report, Instant now, Duration nodeTtl) {
        return report.lastReportAt().isAfter(now.minus(nodeTtl));
    }
}
