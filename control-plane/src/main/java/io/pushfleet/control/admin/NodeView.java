package io.pushfleet.control.admin;

import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.model.registry.NodeInfo;

import java.time.Instant;

/**
 * One registered node in {@code GET /api/admin/nodes}. {@code state} and {@code info} are null when the
 * node's info key has expired (or held something unreadable). {@code weight} is the weight node selection
 * gives the node now ({@code RoutingSettings.weightOf}): null under a strategy that does not weigh nodes.
 * {@code drainedSince} is null unless an operator drained the node.
 */
public record NodeView(String nodeId, String state, boolean live, boolean selectable, Instant lastReportAt,
                       Info info, Integer weight, Instant drainedSince) {

    /** The node's last report. */
    public record Info(long bootEpoch, String wsUrl, String tcpHost, int tcpPort, String adminUrl, long connections,
                       long capacity, long heapUsedBytes, long heapMaxBytes, long directUsedBytes, double cpuLoad,
                       long loopLagMicros, Instant reportedAt) {

        static Info of(NodeInfo n) {
            return new Info(n.bootEpoch(), n.wsUrl(), n.tcpHost(), n.tcpPort(), n.adminUrl(), n.connections(),
                    n.capacity(), n.heapUsedBytes(), n.heapMaxBytes(), n.directUsedBytes(), n.cpuLoad(),
                    n.loopLagMicros(), n.reportedAt());
        }
    }

    static NodeView of(NodeStatus status, Integer weight) {
        return new NodeView(status.nodeId().value(), status.info().map(i -> i.state().name()).orElse(null),
                status.live(), status.selectable(), status.lastReportAt(), status.info().map(Info::of).orElse(null),
                weight, status.drainedSince().orElse(null));
    }
}
