package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.NodeConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Checks one node's connection set against the route table and repairs what is safe (DESIGN 3.4), page by page:
 *
 * <ul>
 *   <li>members of dead runs ({@link EpochFence}): their routes are compare-and-deleted (a route the device has
 *       since made on another node or run stays), then the members go;</li>
 *   <li>members of other runs: one pipelined {@code HGET} per member tells whether the user's route still names
 *       that connection. Those that match are the node's route-table count. The others are <em>stale</em>; they
 *       are removed only when the previous pass found them stale too, because an edge adds the member just
 *       before it writes the route, and removing it in that gap would leave a route no set can fence;</li>
 *   <li>members that do not parse are removed.</li>
 * </ul>
 *
 * Routes that name the node but have no member cannot be found without scanning every route key; they show up
 * only as drift (reported connections above the route-table count). An edge writes the member first and removes
 * it last, so only a failed write leaves one.
 */
final class SetAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SetAudit.class);

    /** The figures of one node's set, and the stale members to confirm on the next pass. */
    record Result(long members, long routes, long stale, long removed, Set<String> suspects) {
    }

    private final NodeSets sets;
    private final AuditMetrics metrics;
    private final int pageSize;

    SetAudit(NodeSets sets, AuditMetrics metrics, int pageSize) {
        this.sets = requireNonNull(sets, "sets");
        this.metrics = requireNonNull(metrics, "metrics");
        this.pageSize = pageSize;
    }

    /**
     * Audits {@code node}'s set; {@code suspects} are the members the previous pass found stale. Calls
     * {@code renew} after each page. {@code removed} counts every member taken out.
     */
    Result audit(NodeId node, EpochFence fence, Set<String> suspects, Runnable renew) {
        long members = 0;
        long routes = 0;
        long stale = 0;
        long removed = 0;
        Set<String> nextSuspects = new HashSet<>();
        Iterator<List<String>> pages = sets.memberPages(node, pageSize);
        while (pages.hasNext()) {
            List<NodeConnection> dead = new ArrayList<>();
            List<NodeConnection> current = new ArrayList<>();
            List<String> malformed = new ArrayList<>();
            for (String member : pages.next()) {
                try {
                    NodeConnection c = NodeConnection.parse(member);
                    c.routeOn(node);
                    (fence.dead(c.bootEpoch()) ? dead : current).add(c);
                } catch (IllegalArgumentException e) {
                    malformed.add(member);
                }
            }
            removed += removeMalformed(node, malformed) + removeDead(node, dead);
            List<String> values = current.isEmpty() ? List.of() : sets.routes(current);
            List<String> confirmed = new ArrayList<>();
            for (int i = 0; i < current.size(); i++) {
                NodeConnection c = current.get(i);
                if (c.routeOn(node).format().equals(values.get(i))) {
                    routes++;
                    continue;
                }
                stale++;
                (suspects.contains(c.format()) ? confirmed : nextSuspects).add(c.format());
            }
            sets.removeMembers(node, confirmed);
            metrics.repaired(Repair.STALE_MEMBER, confirmed.size());
            removed += confirmed.size();
            members += current.size() - confirmed.size();
            renew.run();
        }
        return new Result(members, routes, stale, removed, nextSuspects);
    }

    private int removeMalformed(NodeId node, List<String> malformed) {
        if (malformed.isEmpty()) {
            return 0;
        }
        sets.removeMembers(node, malformed);
        metrics.repaired(Repair.MALFORMED_MEMBER, malformed.size());
        LOG.warn("nodeId={} {} malformed connection-set members removed, e.g. '{}'", node, malformed.size(), malformed.getFirst());
        return malformed.size();
    }

    private int removeDead(NodeId node, List<NodeConnection> dead) {
        if (dead.isEmpty()) {
            return 0;
        }
        int deleted = sets.removeFenced(node, dead);
        metrics.repaired(Repair.DEAD_MEMBER, dead.size());
        metrics.repaired(Repair.DEAD_ROUTE, deleted);
        LOG.info("nodeId={} {} connections of dead runs removed, {} of them still had their route", node, dead.size(), deleted);
        return dead.size();
    }
}
