package io.pushfleet.edge.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One background thread for periodic node chores (registry reports, probes, key refresh), kept off the event
 * loops. Tasks must not block for long; a failing run is logged and the schedule continues.
 */
final class Maintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-maintenance");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task} now and then every {@code period}. */
    void every(Duration period, Runnable task) {
        executor.scheduleAtFixedRate(logged(task), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once, {@code delayNanos} from now; dropped when the node is shutting down. Any thread. */
    void after(Runnable task, long delayNanos) {
        try {
            executor.schedule(logged(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("maintenance stopped; task dropped: {}", task);
        }
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("maintenance task failed", e);
            }
        };
    }

    void shutdown() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
