package io.pushfleet.control.routing;

import java.util.Map;

/**
 * {@code GET} and {@code PUT /api/admin/routing}: the setting in force on the answering control plane.
 * {@code weights} is null unless the strategy is {@code weighted}; {@code source} is {@code config} (version 0,
 * nothing stored in Redis) or {@code redis}.
 */
public record RoutingView(String strategy, Map<String, Integer> weights, long version, String source) {

    static RoutingView of(RoutingSetting setting) {
        return new RoutingView(setting.strategy().configName(),
                setting.strategy() == SelectionStrategy.WEIGHTED ? setting.weights().weightsByName() : null,
                setting.version(), setting.fromConfig() ? "config" : "redis");
    }
}
