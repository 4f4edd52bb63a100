package io.pushfleet.control.audit;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one audit pass found, per node (DESIGN 3.4). Written to Redis by the control plane that ran the pass, so
 * every control plane's {@code GET /api/admin/online} shows the same numbers.
 *
 * @param auditedAt epoch millis of the pass
 * @param auditor   the process that ran it
 */
public record AuditReport(long auditedAt, String auditor, List<NodeAudit> nodes) {

    public AuditReport {
        requireNonNull(auditor, "auditor");
        nodes = List.copyOf(nodes);
    }

    /**
     * One node at the time of the pass.
     *
     * @param live        whether the registry held a live report of it
     * @param connections the connections it reported (0 when not live)
     * @param members     its connection set's size after the pass's repairs
     * @param routes      members whose user's route names that connection: the route-table count of the node
     * @param stale       members whose route is gone or names another connection (removed when seen twice)
     */
    public record NodeAudit(String nodeId, boolean live, long connections, long members, long routes, long stale) {

        public NodeAudit {
            requireNonNull(nodeId, "nodeId");
        }

        /** Reported connections without a route pointing at them (positive), or routes without a connection (negative). */
        public long drift() {
            return connections - routes;
        }
    }
}
