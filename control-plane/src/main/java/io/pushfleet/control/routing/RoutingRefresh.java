package io.pushfleet.control.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.model.id.NodeId;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every {@code push.routing.auto.interval}: reads the registry once, recomputes {@link AutoWeights} from it,
 * and publishes each registered node's current weight ({@link RoutingSettings#weightOf}) as the gauge
 * {@code pushfleet_routing_weight{node}} (NaN for strategies without weights). A failed read keeps the last
 * weights. Gauges of nodes that left the registry are removed.
 */
@ApplicationScoped
public class RoutingRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRefresh.class);

    private final RegistryService registry;
    private final AutoWeights autoWeights;
    private final RoutingSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<NodeId, Double> weights = new ConcurrentHashMap<>();
    private final Map<NodeId, Gauge> gauges = new HashMap<>();

    public RoutingRefresh(RegistryService registry, AutoWeights autoWeights, RoutingSettings settings,
                          MeterRegistry meters, Clock clock) {
        this.registry = registry;
        this.autoWeights = autoWeights;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    @Scheduled(every = "${push.routing.auto.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("reading the registry failed, keeping the last node weights: {}", e.toString());
        }
    }

    /** One refresh: weights, then gauges. */
    synchronized void refresh() {
        List<NodeStatus> nodes = registry.nodes();
        autoWeights.update(nodes, clock.instant());
        Set<NodeId> present = nodes.stream().map(NodeStatus::nodeId).collect(Collectors.toSet());
        for (NodeStatus node : nodes) {
            Integer weight = settings.weightOf(node);
            weights.put(node.nodeId(), weight == null ? Double.NaN : weight);
            gauges.computeIfAbsent(node.nodeId(), id -> Gauge.builder("pushfleet.routing.weight", weights,
                            w -> w.getOrDefault(id, Double.NaN))
                    .description("The weight node selection gives this node now (NaN: the strategy does not weigh)")
                    .tag("node", id.value())
                    .register(meters));
        }
        gauges.keySet().removeIf(id -> {
            if (present.contains(id)) {
                return false;
            }
            meters.remove(gauges.get(id));
            weights.remove(id);
            return true;
        });
    }
}
