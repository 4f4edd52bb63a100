package io.pushfleet.control.admin;

import io.pushfleet.control.audit.AuditReport;
import io.pushfleet.control.registry.NodeLoad;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/admin/online}: {@code total} is the sum of the connections live nodes report now,
 * {@code routeTableTotal} the sum of the nodes' route-table counts, {@code driftTotal} the sum of the size of
 * every node's drift and its stale members, {@code auditedAt} the epoch millis of the route audit the figures
 * come from (null when no recent audit exists; then the route-table count is the connection set's size).
 */
public record OnlineResponse(long total, List<NodeOnline> nodes, long routeTableTotal, long driftTotal, Long auditedAt) {

    /**
     * One node. {@code connections} and {@code routes} (its connection set's size) are read now; {@code routeTable}
     * (members whose route names them), {@code stale} and {@code drift} (connections minus route-table count) come
     * from the last audit, or, for a node it has not seen, {@code routeTable = routes} and {@code stale = 0}.
     */
    public record NodeOnline(String nodeId, boolean live, long connections, long routes, long routeTable, long stale,
                             long drift, boolean audited) {
    }

    /**
     * The registry's nodes with the audit's figures, in node id order; nodes only the audit saw (leftovers being
     * cleaned up) are included.
     */
    static OnlineResponse of(List<NodeLoad> loads, Optional<AuditReport> audit) {
        Map<String, AuditReport.NodeAudit> audited = audit.map(AuditReport::nodes).orElse(List.of()).stream()
                .collect(Collectors.toMap(AuditReport.NodeAudit::nodeId, Function.identity()));
        List<NodeOnline> nodes = new ArrayList<>();
        Set<String> registered = new HashSet<>();
        for (NodeLoad load : loads) {
            String id = load.status().nodeId().value();
            registered.add(id);
            AuditReport.NodeAudit a = audited.get(id);
            nodes.add(a == null
                    ? new NodeOnline(id, load.status().live(), load.connections(), load.routes(), load.routes(), 0,
                            load.drift(), false)
                    : new NodeOnline(id, load.status().live(), load.connections(), load.routes(), a.routes(), a.stale(),
                            a.drift(), true));
        }
        audited.values().stream().filter(a -> !registered.contains(a.nodeId()))
                .forEach(a -> nodes.add(new NodeOnline(a.nodeId(), false, 0, a.members(), a.routes(), a.stale(),
                        a.drift(), true)));
        nodes.sort(Comparator.comparing(NodeOnline::nodeId));
        long total = nodes.stream().mapToLong(NodeOnline::connections).sum();
        long routeTable = nodes.stream().mapToLong(NodeOnline::routeTable).sum();
        long drift = nodes.stream().mapToLong(n -> Math.abs(n.drift()) + n.stale()).sum();
        return new OnlineResponse(total, nodes, routeTable, drift, audit.map(AuditReport::auditedAt).orElse(null));
    }
}
