package io.pushfleet.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Time as a {@link PushSession} sees it: the clocks and delayed tasks. Production runs on the timer
 * thread every connection of a {@link PushClient} already shares ({@link #of}); unit tests use a fake
 * with virtual time. Tasks must be short and never block: they share one thread with every session.
 */
interface Scheduler {

    /** Monotonic nanoseconds, for intervals. */
    long nanoTime();

    /** Wall-clock time, for token expiry. */
    Instant now();

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling later does nothing. */
    interface Cancellable {
        void cancel();
    }

    /** The real clocks and {@code timer}. */
    static Scheduler of(ScheduledExecutorService timer) {
        requireNonNull(timer, "timer");
        return new Scheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
        };
    }
}
