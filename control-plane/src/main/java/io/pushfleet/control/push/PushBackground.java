package io.pushfleet.control.push;

import io.pushfleet.control.config.PushConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Starts and stops the push feature's background work: the events consumer on its own thread, the
 * periodic expiry of stored messages, and the sampling of the consumer group's backlog for metrics.
 */
@ApplicationScoped
public class PushBackground {

    private static final Logger LOG = LoggerFactory.getLogger(PushBackground.class);

    private final EventStream stream;
    private final OfflineExpiry expiry;
    private final PushMetrics metrics;
    private final String consumerName;
    private final FleetEventConsumer consumer;
    private final Duration block;
    private Thread thread;

    public PushBackground(PushConfig config, EventStream stream, FleetEventHandler handler, OfflineExpiry expiry,
                          PushMetrics metrics, ProcessIdentity identity) {
        this.stream = stream;
        this.expiry = expiry;
        this.metrics = metrics;
        this.consumerName = identity.name();
        PushConfig.Events events = config.events();
        this.block = events.block();
        this.consumer = new FleetEventConsumer(stream, handler, metrics, consumerName, events.batchSize(),
                events.block(), events.claimIdle(), events.claimInterval());
    }

    void onStart(@Observes StartupEvent event) {
        stream.ensureGroup();
        thread = new Thread(consumer, "push-events");
        thread.setDaemon(true);
        thread.start();
        LOG.info("events consumer {} started", consumerName);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        consumer.stop();
        if (thread != null) {
            thread.join(block.plusSeconds(2).toMillis());
        }
        try {
            stream.removeIfIdle(consumerName);
        } catch (RuntimeException e) {
            LOG.debug("could not remove consumer {} from the group: {}", consumerName, e.toString());
        }
    }

    /** Marks stored messages past their expiry expired; returns how many. */
    public int expireDue() {
        int expired = expiry.expireDue();
        if (expired > 0) {
            LOG.info("{} stored messages expired", expired);
        }
        return expired;
    }

    @Scheduled(every = "${push.offline.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expirePeriodically() {
        try {
            expireDue();
        } catch (RuntimeException e) {
            LOG.warn("expiring stored messages failed, retrying next interval: {}", e.toString());
        }
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sampleBacklog() {
        try {
            EventStream.Backlog backlog = stream.backlog();
            metrics.consumerBacklog(backlog.lag(), backlog.pending());
        } catch (RuntimeException e) {
            LOG.debug("sampling the events backlog failed: {}", e.toString());
        }
    }
}
