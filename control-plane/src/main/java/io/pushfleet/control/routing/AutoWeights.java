package io.pushfleet.control.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The one home of the {@code auto} strategy's weights (DESIGN 3.9). {@link #update} recomputes them from the
 * registry on a schedule ({@link RoutingRefresh}) with {@link AutoWeightRules}; {@link #pool} hands the
 * selector its candidates. Nodes that are not live are dropped, except through a <em>mass vanish</em>: when
 * more than {@code vanishThreshold} of the nodes live at the last update are gone at once, the registry is
 * more likely broken than the fleet, so the vanished nodes are <em>held</em> (kept, with their last weight
 * and report, and still chosen) until they report again, for at most {@code vanishHold}. Thread-safe: the
 * table is an immutable snapshot swapped under a lock, read without one.
 */
@ApplicationScoped
public class AutoWeights {

    private static final Logger LOG = LoggerFactory.getLogger(AutoWeights.class);

    /** One node's weight, its report that weight came from, and whether it is held through a mass vanish. */
    public record Entry(NodeInfo info, int weight, boolean held) {
        public Entry {
            requireNonNull(info, "info");
        }
    }

    /** A snapshot of every node's weight; {@code holdStartedAt} is null unless nodes are held. */
    public record Table(Map<NodeId, Entry> entries, Instant holdStartedAt) implements WeightTable {

        static final Table EMPTY = new Table(Map.of(), null);

        public Table {
            entries = Map.copyOf(entries);
        }

        @Override
        public int weightOf(NodeId nodeId) {
            Entry entry = entries.get(nodeId);
            return entry == null ? 0 : entry.weight();
        }
    }

    private final AutoWeightRules rules;
    private final double vanishThreshold;
    private final Duration vanishHold;
    private final Counter holds;
    private volatile Table table = Table.EMPTY;

    @Inject
    public AutoWeights(PushConfig config, MeterRegistry meters) {
        this(AutoWeightRules.of(config.routing().auto()), config.routing().auto().vanishThreshold(),
                config.routing().auto().vanishHold(), meters);
    }

    public AutoWeights(AutoWeightRules rules, double vanishThreshold, Duration vanishHold, MeterRegistry meters) {
        this.rules = requireNonNull(rules, "rules");
        this.vanishThreshold = vanishThreshold;
        this.vanishHold = requireNonNull(vanishHold, "vanishHold");
        this.holds = Counter.builder("pushfleet.routing.auto.holds")
                .description("Mass vanishes: updates that found most nodes gone at once and held their weights")
                .register(meters);
    }

    /** The current weights. */
    public Table table() {
        return table;
    }

    /** Recomputes every weight from the registry's view of the fleet at {@code now}. */
    public synchronized void update(List<NodeStatus> nodes, Instant now) {
        Table previous = table;
        Map<NodeId, NodeInfo> live = new HashMap<>();
        nodes.stream().filter(NodeStatus::live).forEach(s -> live.put(s.nodeId(), s.info().orElseThrow()));
        List<NodeId> wasLive = previous.entries().values().stream().filter(e -> !e.held())
                .map(e -> e.info().nodeId()).toList();
        long vanished = wasLive.stream().filter(id -> !live.containsKey(id)).count();
        boolean massVanish = vanished > 0 && vanished > vanishThreshold * wasLive.size();
        Instant holdStart = previous.holdStartedAt();
        if (massVanish && holdStart == null) {
            holdStart = now;
            holds.increment();
            LOG.warn("mass vanish: {} of {} nodes stopped reporting at once; holding their weights for at most {}",
                    vanished, wasLive.size(), vanishHold);
        }
        boolean holding = holdStart != null && now.isBefore(holdStart.plus(vanishHold));
        Map<NodeId, Entry> next = new HashMap<>();
        live.forEach((id, info) -> {
            Entry old = previous.entries().get(id);
            int weight = old == null ? rules.target(info) : rules.next(old.weight(), info);
            next.put(id, new Entry(info, weight, false));
        });
        if (holding) {
            previous.entries().forEach((id, e) -> {
                if (!live.containsKey(id) && (e.held() || massVanish)) {
                    next.put(id, new Entry(e.info(), e.weight(), true));
                }
            });
        }
        boolean stillHeld = next.values().stream().anyMatch(Entry::held);
        if (holdStart != null && !stillHeld) {
            LOG.info("mass vanish over after {}: {}", Duration.between(holdStart, now),
                    holding ? "every held node reports again" : "held nodes dropped, the hold timed out");
        }
        table = new Table(next, stillHeld ? holdStart : null);
    }

    /**
     * The nodes to choose from for a login: {@code candidates} (fresh and selectable, in node-id order) plus
     * the nodes held through a mass vanish. A candidate this table has not seen yet (it joined after the last
     * update) is admitted first with its target weight, so it is not ignored until the next update.
     */
    public List<NodeInfo> pool(List<NodeInfo> candidates) {
        Table seen = table;
        Table current = candidates.stream().allMatch(node -> seen.entries().containsKey(node.nodeId()))
                ? seen : admit(candidates);
        if (current.holdStartedAt() == null) {
            return candidates;
        }
        Set<NodeId> ids = candidates.stream().map(NodeInfo::nodeId).collect(Collectors.toSet());
        List<NodeInfo> pool = new ArrayList<>(candidates);
        current.entries().values().stream()
                .filter(e -> e.held() && !ids.contains(e.info().nodeId()))
                .forEach(e -> pool.add(e.info()));
        pool.sort(Comparator.comparing(node -> node.nodeId().value()));
        return pool;
    }

    private synchronized Table admit(List<NodeInfo> candidates) {
        Table previous = table;
        Map<NodeId, Entry> entries = new HashMap<>(previous.entries());
        for (NodeInfo node : candidates) {
            entries.computeIfAbsent(node.nodeId(), id -> new Entry(node, rules.target(node), false));
        }
        table = new Table(entries, previous.holdStartedAt());
        return table;
    }
}
