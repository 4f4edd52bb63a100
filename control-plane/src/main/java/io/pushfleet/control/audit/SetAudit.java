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

    /**
     * The figures of one node's set, and the stale members to confirm on the next pass.
     *
     * @param removed every member taken out: of dead runs, confirmed stale, malformed
     */
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
     * {@code renew} after each page; logs what it removed once.
     */
    Result audit(NodeId node, EpochFence fence, Set<String> suspects, Runnable renew) {
        long members = 0;
        long routes = 0;
        long stale = 0;
        long dead = 0;
        long deadRoutes = 0;
        long staleRemoved = 0;
        List<String> malformedSeen = new ArrayList<>();
        Set<String> nextSuspects = new HashSet<>();
        Iterator<List<String>> pages = sets.memberPages(node, pageSize);
        while (pages.hasNext()) {
            List<NodeConnection> deadRuns = new ArrayList<>();
            List<NodeConnection> current = new ArrayList<>();
            List<String> malformed = new ArrayList<>();
            for (String member : pages.next()) {
                try {
                    NodeConnection c = NodeConnection.parse(member);
                    c.routeOn(node);
                    (fence.dead(c.bootEpoch()) ? deadRuns : current).add(c);
                } catch (IllegalArgumentException e) {
                    malformed.add(member);
                }
            }
            sets.removeMembers(node, malformed);
            malformedSeen.addAll(malformed);
            if (!deadRuns.isEmpty()) {
                deadRoutes += sets.removeFenced(node, deadRuns);
                dead += deadRuns.size();
            }
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
            staleRemoved += confirmed.size();
            members += current.size() - confirmed.size();
            renew.run();
        }
        record(node, dead, deadRoutes, staleRemoved, malformedSeen);
        return new Result(members, routes, stale, dead + staleRemoved + malformedSeen.size(), nextSuspects);
    }

    private void record(NodeId node, long dead, long deadRoutes, long staleRemoved, List<String> malformed) {
        metrics.repaired(Repair.DEAD_MEMBER, dead);
        metrics.repaired(Repair.DEAD_ROUTE, deadRoutes);
        metrics.repaired(Repair.STALE_MEMBER, staleRemoved);
        metrics.repaired(Repair.MALFORMED_MEMBER, malformed.size());
        if (dead > 0) {
            LOG.info("nodeId={} {} connections of dead runs removed, {} of them still had their route", node, dead, deadRoutes);
        }
        if (staleRemoved > 0) {
            LOG.info("nodeId={} {} stale connection-set members removed", node, staleRemoved);
        }
        if (!malformed.isEmpty()) {
            LOG.warn("nodeId={} {} malformed connection-set members removed, e.g. '{}'", node, malformed.size(), malformed.getFirst());
        }
    }
}
