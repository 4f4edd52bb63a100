package io.pushfleet.control.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Chooses the edge for a logging-in client (DESIGN 3.1): the configured {@link NodeSelector} over the
 * selectable nodes, a primary plus up to {@code push.routing.fallbacks} distinct fallbacks. Counts
 * each choice per node in {@code pushfleet_node_selections_total}.
 */
@ApplicationScoped
public class RoutingService {

    private final RegistryService registry;
    private final NodeSelector selector;
    private final int fallbacks;
    private final MeterRegistry meters;

    @Inject
    public RoutingService(RegistryService registry, NodeSelector selector, PushConfig config, MeterRegistry meters) {
        this(registry, selector, config.routing().fallbacks(), meters);
    }

    RoutingService(RegistryService registry, NodeSelector selector, int fallbacks, MeterRegistry meters) {
        this.registry = registry;
        this.selector = selector;
        this.fallbacks = fallbacks;
        this.meters = meters;
    }

    /** The edges for this client, or empty when no node is selectable right now. */
    public Optional<EdgeAssignment> assign(UserId userId, DeviceId deviceId) {
        List<NodeInfo> candidates = registry.selectableNodes();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<NodeInfo> picked = selector.select(candidates, new SelectionRequest(userId, deviceId), 1 + fallbacks);
        NodeInfo primary = picked.getFirst();
        meters.counter("pushfleet.node.selections",
                "node", primary.nodeId().value(), "strategy", selector.strategy().name().toLowerCase()).increment();
        return Optional.of(new EdgeAssignment(primary, picked.subList(1, picked.size())));
    }
}
