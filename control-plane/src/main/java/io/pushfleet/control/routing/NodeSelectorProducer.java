package io.pushfleet.control.routing;

import io.pushfleet.control.config.PushConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the {@link NodeSelector} that {@code push.routing.strategy} names; new strategies are added here.
 * {@code push.routing.weights} is parsed at startup whatever the strategy, so a typo fails the start
 * rather than the first login after someone switches to {@code weighted}.
 */
@ApplicationScoped
public class NodeSelectorProducer {

    private final NodeWeights weights;

    NodeSelectorProducer(PushConfig config) {
        this.weights = config.routing().weights().map(NodeWeights::parse).orElseGet(NodeWeights::none);
    }

    void checkAtStartup(@Observes StartupEvent ignored) {
        // Nothing to do: observing makes the container build this bean, and so parse the weights, at startup.
    }

    @Produces
    @ApplicationScoped
    NodeSelector selector(PushConfig config) {
        return switch (config.routing().strategy()) {
            case ROUND_ROBIN -> new RoundRobinSelector();
            case RANDOM -> new RandomSelector();
            case CONSISTENT_HASH -> new ConsistentHashSelector();
            case WEIGHTED -> new WeightedSelector(weights);
        };
    }
}
