package io.pushfleet.control.push;

import io.pushfleet.control.config.PushConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Builds the push feature's plain classes from the configuration and its repositories, so that they stay
 * free of CDI and unit tests build them with in-memory fakes. The {@link GroupDirectory} is optional: it is
 * provided by the groups feature, and without it group pushes are refused.
 */
@ApplicationScoped
public class PushProducers {

    @Produces
    @Singleton
    PushValidator validator(PushConfig config) {
        PushConfig.Tasks tasks = config.tasks();
        return new PushValidator(tasks.maxTargets(), tasks.maxFrameBytes().asLongValue(), tasks.defaultTtl(),
                tasks.maxTtl());
    }

    @Produces
    @Singleton
    TaskRouter router(PushConfig config, PushTaskRepository tasks, DeliveryRepository deliveries,
                      Transactions transactions, RouteLookup routes, CommandPublisher publisher,
                      FleetEventHandler events, Instance<GroupDirectory> groups, PushMetrics metrics, Clock clock) {
        return new TaskRouter(tasks, deliveries, transactions, routes, publisher,
                new ConnectedReplay(routes, events::replay), groups.isResolvable() ? groups.get() : null, metrics,
                clock, config.tasks().chunkSize(), config.tasks().lease());
    }

    @Produces
    @Singleton
    OfflineExpiry expiry(OfflineMessageRepository offline, DeliveryRepository deliveries, Transactions transactions,
                         PushMetrics metrics, Clock clock) {
        return new OfflineExpiry(offline, deliveries, transactions, metrics, clock);
    }

    @Produces
    @Singleton
    FleetEventHandler eventHandler(PushConfig config, PushTaskRepository tasks, DeliveryRepository deliveries,
                                   OfflineMessageRepository offline, Transactions transactions,
                                   CommandPublisher publisher, OfflineExpiry expiry, RouteLookup routes,
                                   PushMetrics metrics, Clock clock) {
        return new FleetEventHandler(tasks, deliveries, offline, transactions, publisher, expiry, routes, metrics, clock,
                config.offline().chatTtl(), config.offline().replayLimit());
    }
}
