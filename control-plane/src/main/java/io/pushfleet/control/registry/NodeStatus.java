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
 * for new clients when it is live, {@link NodeState#UP} and not drained by an operator (DESIGN 3.10: the mark
 * counts at once, before the node itself reports DRAINING).
 *
 * @param info         the node's last report, empty when the key expired or held something unreadable
 * @param drainedSince when an operator drained the node, empty when it is not drained
 */
public record NodeStatus(NodeId nodeId, Instant lastReportAt, Optional<NodeInfo> info, boolean live,
                         boolean selectable, Optional<Instant> drainedSince) {

    public NodeStatus {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(lastReportAt, "lastReportAt");
        requireNonNull(info, "info");
        requireNonNull(drainedSince, "drainedSince");
        if (selectable && !live) {
            throw new IllegalArgumentException("selectable: true while live: false (expected: selectable implies live)");
        }
    }

    /** Applies the liveness rule to one report, its (possibly missing) info and drain mark at {@code now}. */
    public static NodeStatus evaluate(NodeReport report, Optional<NodeInfo> info, Optional<Instant> drainedSince,
                                      Instant now, Duration nodeTtl) {
        boolean fresh = isFresh(report, now, nodeTtl);
        boolean live = fresh && info.isPresent();
        boolean selectable = live && info.get().state() == NodeState.UP && drainedSince.isEmpty();
        return new NodeStatus(report.nodeId(), report.lastReportAt(), info, live, selectable, drainedSince);
    }

    /** Whether the report is younger than {@code nodeTtl} at {@code now}. */
    public static boolean isFresh(NodeReport report, Instant now, Duration nodeTtl) {
        return report.lastReportAt().isAfter(now.minus(nodeTtl));
    }
}
