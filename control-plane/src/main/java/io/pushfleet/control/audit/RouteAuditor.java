package io.pushfleet.control.audit;

import io.pushfleet.control.push.RouteLookup;
import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The route auditor (DESIGN 3.4): compares every node's reported connection count with its connection set and
 * the route table, repairs what is safe, and publishes the figures. One pass covers every node in the registry
 * ({@code nodes}) or in {@code nodes:known}; per node it
 *
 * <ol>
 *   <li>audits the connection set ({@link SetAudit}): routes and members of dead runs go, stale members go
 *       when seen twice;</li>
 *   <li>empties the part of the command stream no run reads ({@link StreamSweeper}), so pushes routed to a dead
 *       run are stored for re-push instead of staying {@code routed};</li>
 *   <li>forgets a node that has no registry entry and nothing left, one pass after its last clean-up (so a
 *       push routed just before the clean-up has landed and been swept).</li>
 * </ol>
 *
 * Only the holder of the {@link LeaseLock} runs a pass; it renews the lease between pages and stops when it
 * lost it. Not thread-safe: one pass at a time (the scheduler skips overlapping runs).
 */
public final class RouteAuditor {

    private static final Logger LOG = LoggerFactory.getLogger(RouteAuditor.class);

    /** Thrown between pages when the lease went to another control plane; the pass ends there. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException() {
            super("audit lease lost to another control plane", null, false, false);
        }
    }

    private final RegistryService registry;
    private final NodeSets sets;
    private final SetAudit setAudit;
    private final StreamSweeper sweeper;
    private final CommandStreams streams;
    private final LeaseLock lock;
    private final AuditReports reports;
    private final AuditMetrics metrics;
    private final Clock clock;
    private final Duration grace;
    private final Duration reportTtl;
    private final int streamBudget;
    private final String name;
    private Map<NodeId, Set<String>> suspects = new HashMap<>();

    /** The parts a pass works with. */
    public record Ports(RegistryService registry, NodeSets sets, CommandStreams streams, UnreadCommands unread,
                        RouteLookup routes, LeaseLock lock, AuditReports reports) {
        public Ports {
            requireNonNull(registry, "registry");
            requireNonNull(sets, "sets");
            requireNonNull(streams, "streams");
            requireNonNull(unread, "unread");
            requireNonNull(routes, "routes");
            requireNonNull(lock, "lock");
            requireNonNull(reports, "reports");
        }
    }

    /**
     * @param grace how long a new run may take to report: {@code push.routing.node-ttl}
     * @param name  this process, named in the reports
     */
    public RouteAuditor(Ports ports, AuditMetrics metrics, Clock clock, Duration grace, Duration interval,
                        int batchSize, int streamBudget, String name) {
        this.registry = ports.registry();
        this.sets = ports.sets();
        this.streams = ports.streams();
        this.lock = ports.lock();
        this.reports = ports.reports();
        this.metrics = requireNonNull(metrics, "metrics");
        this.setAudit = new SetAudit(sets, metrics, batchSize);
        this.sweeper = new StreamSweeper(streams, ports.unread(), ports.routes(), metrics, batchSize);
        this.clock = requireNonNull(clock, "clock");
        this.grace = requireNonNull(grace, "grace");
        this.reportTtl = interval.multipliedBy(3);
        this.streamBudget = streamBudget;
        this.name = requireNonNull(name, "name");
    }

    /**
     * Runs one pass when this process holds (or takes) the audit lease, and publishes its report; empty while
     * another control plane holds the lease or when the lease was lost during the pass.
     */
    public Optional<AuditReport> runPass() {
        if (!lock.hold()) {
            // Whoever audits next starts its own confirmation of stale members.
            suspects = new HashMap<>();
            metrics.pass(AuditMetrics.Outcome.STANDBY);
            return Optional.empty();
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        // Null status: a node only in nodes:known (crashed before its first report, or already out of the registry).
        Map<NodeId, NodeStatus> nodes = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        for (NodeStatus status : registry.nodes()) {
            nodes.put(status.nodeId(), status);
        }
        for (NodeId known : sets.knownNodes()) {
            nodes.putIfAbsent(known, null);
        }
        int[] budget = {streamBudget};
        Map<NodeId, Set<String>> nextSuspects = new HashMap<>();
        List<AuditReport.NodeAudit> audits = new ArrayList<>();
        try {
            for (Map.Entry<NodeId, NodeStatus> node : nodes.entrySet()) {
                audit(node.getKey(), Optional.ofNullable(node.getValue()), now, budget, nextSuspects).ifPresent(audits::add);
            }
        } catch (LeaseLostException e) {
            LOG.info("{}; the pass stops", e.getMessage());
            suspects = new HashMap<>();
            metrics.pass(AuditMetrics.Outcome.STANDBY);
            return Optional.empty();
        }
        suspects = nextSuspects;
        AuditReport report = new AuditReport(now.toEpochMilli(), name, audits);
        reports.publish(report, reportTtl);
        metrics.show(audits);
        metrics.pass(AuditMetrics.Outcome.AUDITED);
        metrics.passTook(Duration.ofNanos(System.nanoTime() - started));
        return Optional.of(report);
    }

    /** Gives the lease up, e.g. at shutdown, so another control plane takes over at its next pass. */
    public void stop() {
        lock.release();
    }

    /** Audits one node; empty when it was forgotten. */
    private Optional<AuditReport.NodeAudit> audit(NodeId node, Optional<NodeStatus> status, Instant now, int[] budget,
                                                  Map<NodeId, Set<String>> nextSuspects) {
        Optional<NodeInfo> info = status.flatMap(NodeStatus::info);
        EpochFence fence = new EpochFence(info.map(i -> OptionalLong.of(i.bootEpoch())).orElse(OptionalLong.empty()),
                now, grace);
        SetAudit.Result set = setAudit.audit(node, fence, suspects.getOrDefault(node, Set.of()), this::renew);
        if (!set.suspects().isEmpty()) {
            nextSuspects.put(node, set.suspects());
        }
        int swept = sweeper.sweep(node, fence, budget[0], this::renew);
        budget[0] -= swept;
        boolean untouched = set.removed() == 0 && swept == 0;
        if (fence.noRun() && set.members() == 0 && untouched && streams.deleteIfEmpty(node)) {
            sets.forget(node, status.map(NodeStatus::lastReportAt));
            metrics.repaired(Repair.NODE_FORGOTTEN, 1);
            LOG.info("nodeId={} has nothing left in Redis and is forgotten", node);
            return Optional.empty();
        }
        boolean live = status.map(NodeStatus::live).orElse(false);
        long connections = live ? info.map(NodeInfo::connections).orElse(0L) : 0L;
        return Optional.of(new AuditReport.NodeAudit(node.value(), live, connections, set.members(), set.routes(),
                set.stale()));
    }

    private void renew() {
        if (!lock.hold()) {
            throw new LeaseLostException();
        }
    }
}
