package io.pushfleet.control.routing;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * {@code push.routing.weights}, the weighted strategy's node weights as text for {@link NodeWeights#parse}.
 * A mapping of its own beside {@code PushConfig.Routing} (same prefix) so the key is a known property:
 * keys under a mapping's prefix that map to nothing fail the start. No default: every node weighs 1.
 */
@ConfigMapping(prefix = "push.routing")
public interface RoutingWeightsConfig {

    Optional<String> weights();
}
