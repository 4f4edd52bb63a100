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
import java.util.function.Supplier;

/**
 * Chooses the edge for a logging-in client (DESIGN 3.1): the {@link NodeSelector} of the routing setting in
 * force ({@link RoutingSettings}) over the selectable nodes, a primary plus up to
 * {@code push.routing.fallbacks} distinct fallbacks. Draining and silent nodes are never candidates, and the
 * weighted strategies leave out nodes of weight 0, so none of them is ever a primary or a fallback. Counts
 * each choice per node in {@code pushfleet_node_selections_total{node,strategy}}.
 */
@ApplicationScoped
public class RoutingService {

    private final RegistryService registry;
    private final Supplier<NodeSelector> selector;
    private final int fallbacks;
    private final MeterRegistry meters;

    @Inject
    public RoutingService(RegistryService registry, RoutingSettings settings, PushConfig config, MeterRegistry meters) {
        this(registry, settings::selector, config.routing().fallbacks(), meters);
    }

    RoutingService(RegistryService registry, Supplier<NodeSelector> selector, int fallbacks, MeterRegistry meters) {
        this.registry = registry;
        this.selector = selector;
        this.fallbacks = fallbacks;
        this.meters = meters;
    }

    /** The edges for this client, or empty when no node may be chosen right now. */
    public Optional<EdgeAssignment> assign(UserId userId, DeviceId deviceId) {
        NodeSelector current = selector.get();
        List<NodeInfo> picked = current.select(registry.selectableNodes(), new SelectionRequest(userId, deviceId),
                1 + fallbacks);
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        NodeInfo primary = picked.getFirst();
        meters.counter("pushfleet.node.selections",
                "node", primary.nodeId().value(), "strategy", current.strategy().configName()).increment();
        return Optional.of(new EdgeAssignment(primary, picked.subList(1, picked.size())));
    }
}
