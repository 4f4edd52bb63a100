package io.pushfleet.localstack.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A point in time by which a wait gives up, for the polling loops that wait on other processes. */
public final class Deadline {

    /** How long a polling loop pauses between checks. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static Deadline after(Duration timeout) {
        requireNonNull(timeout, "timeout");
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public boolean expired() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    /** Parks for {@link #POLL_INTERVAL}, or less when the deadline is nearer. */
    public void pause() {
        long left = deadlineNanos - System.nanoTime();
        LockSupport.parkNanos(Math.max(0, Math.min(left, POLL_INTERVAL.toNanos())));
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting");
        }
    }

    /** Polls {@code condition} until it holds (true) or the timeout passes (false). */
    public static boolean await(BooleanSupplier condition, Duration timeout) {
        Deadline deadline = after(timeout);
        while (!condition.getAsBoolean()) {
            if (deadline.expired()) {
                return false;
            }
            deadline.pause();
        }
        return true;
    }

    /** Milliseconds elapsed since {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
