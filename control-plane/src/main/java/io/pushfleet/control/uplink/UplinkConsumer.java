package io.pushfleet.control.uplink;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the uplink consumer (DESIGN 3.8) on a thread of its own, from startup to shutdown: one
 * {@link UplinkWorker} after another, each with a fresh Kafka consumer. A worker that fails is followed by
 * the next after a backoff ({@code push.uplink.retry-backoff}, doubling up to {@code retry-backoff-max},
 * reset once a worker commits), and the next resumes from the last committed offsets. A plain thread and
 * the plain client, not a framework's consumer, because the whole exactly-once argument is then the order
 * of three calls in {@link UplinkWorker} (docs/control-plane.md, "Uplink persistence").
 *
 * <p>Singleton (no client proxy) so that tests in this package can reach {@link #crashBeforeNextCommit()}.
 */
@Singleton
public class UplinkConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkConsumer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final UplinkConfig config;
    private final KafkaClients kafka;
    private final UplinkStore store;
    private final UplinkMetrics metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicBoolean crashArmed = new AtomicBoolean();
    private final AtomicInteger lives = new AtomicInteger();
    private volatile UplinkWorker current;
    private Thread thread;

    public UplinkConsumer(UplinkConfig config, KafkaClients kafka, UplinkStore store, UplinkMetrics metrics) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
        this.config = config;
        this.kafka = kafka;
        this.store = store;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("uplink consumer disabled (push.uplink.enabled=false): client messages are not persisted");
            return;
        }
        synchronized (this) {
            thread = Thread.ofPlatform().name("uplink-consumer").daemon(true).start(this::supervise);
        }
        LOG.info("uplink consumer started: groupId={} maxPollRecords={}", config.groupId(), config.maxPollRecords());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.countDown();
        UplinkWorker worker = current;
        if (worker != null) {
            worker.stop();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                if (!t.join(STOP_TIMEOUT)) {
                    LOG.warn("uplink consumer did not stop within {}; its uncommitted batch will be read again", STOP_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Ends the current consumer after its batch in hand (offsets committed) and starts the next, which
     * rejoins the group and resumes from the committed offsets. For tests and operators' diagnostics.
     */
    public void restart() {
        UplinkWorker worker = current;
        if (worker != null) {
            worker.stop();
        }
    }

    /** How many consumers have been started so far; grows by one per restart or failure. */
    public int lives() {
        return lives.get();
    }

    /**
     * Test hook: the next batch that reaches the database fails right after its transaction committed and
     * before its offsets are committed, as if the process died there.
     */
    void crashBeforeNextCommit() {
        crashArmed.set(true);
    }

    private void supervise() {
        Duration backoff = config.retryBackoff();
        while (stopping.getCount() > 0) {
            UplinkWorker.Exit exit;
            UplinkWorker worker;
            try {
                worker = new UplinkWorker(kafka.uplinkConsumer(config.groupId(), config.maxPollRecords()), store, metrics,
                        config.pollTimeout(), config.commitTimeout(), this::crashIfArmed);
            } catch (RuntimeException e) {
                LOG.warn("cannot create the uplink consumer: {}", e.toString());
                metrics.consumerFailed();
                backoff = await(backoff);
                continue;
            }
            current = worker;
            lives.incrementAndGet();
            if (stopping.getCount() == 0) {
                worker.stop();
            }
            exit = worker.run();
            if (worker.committedAny()) {
                backoff = config.retryBackoff();
            }
            if (exit == UplinkWorker.Exit.FAILED) {
                metrics.consumerFailed();
                backoff = await(backoff);
            }
        }
        LOG.info("uplink consumer stopped");
    }

    /** Waits out a backoff unless shutdown begins; returns the next, doubled, backoff. */
    private Duration await(Duration backoff) {
        try {
            stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.retryBackoffMax()) > 0 ? config.retryBackoffMax() : doubled;
    }

    private void crashIfArmed() {
        if (crashArmed.compareAndSet(true, false)) {
            throw new IllegalStateException("simulated crash between the database commit and the offset commit");
        }
    }
}
