package io.pushfleet.control.routing;

import static java.util.Objects.requireNonNull;

/**
 * The strategy every control plane selects edges with, and the static weights of {@code weighted} (none for
 * the other strategies). {@code version} 0 is the configured setting ({@code push.routing.strategy} and
 * {@code .weights}); 1 and up are settings stored in Redis by {@code PUT /api/admin/routing}.
 */
public record RoutingSetting(SelectionStrategy strategy, NodeWeights weights, long version) {

    public RoutingSetting {
        requireNonNull(strategy, "strategy");
        requireNonNull(weights, "weights");
        if (version < 0) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 0)");
        }
        if (strategy != SelectionStrategy.WEIGHTED && !weights.weights().isEmpty()) {
            throw new IllegalArgumentException("weights: given for " + strategy.configName()
                    + " (expected: only for weighted)");
        }
    }

    /** Whether this is the configured setting rather than one stored in Redis. */
    public boolean fromConfig() {
        return version == 0;
    }
}
