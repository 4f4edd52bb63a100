package io.pushfleet.control.routing;

import io.pushfleet.control.config.PushConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the {@link NodeSelector} that {@code push.routing.strategy} names; new strategies are added here. */
@ApplicationScoped
public class NodeSelectorProducer {

    @Produces
    @ApplicationScoped
    NodeSelector selector(PushConfig config) {
        return switch (config.routing().strategy()) {
            case ROUND_ROBIN -> new RoundRobinSelector();
            case RANDOM -> new RandomSelector();
            case CONSISTENT_HASH -> new ConsistentHashSelector();
        };
    }
}
