package io.pushfleet.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/**
 * Reconnect backoff parameters from the login response, and the two waits a {@link PushSession} derives
 * from them. After a failure the n-th retry (n from 0) waits a uniformly random time between zero and
 * {@code min(max, base * factor^n)} ("full jitter", {@link #retryDelay}); a {@code reconnect} frame's delay
 * is stretched by up to {@code jitter} of itself ({@link #reconnectDelay}). Both spread a fleet's clients
 * over time so a failed or draining edge's clients do not come back in lockstep.
 */
public record Backoff(Duration base, double factor, double jitter, Duration max) {

    /**
     * The control plane's defaults ({@code push.client.backoff.*}: 500 ms, 2.0, 0.2, 30 s), used by a session
     * before its first login has answered with the real values.
     */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), 2.0, 0.2, Duration.ofSeconds(30));

    public Backoff {
        requireNonNull(base, "base");
        requireNonNull(max, "max");
        if (base.toMillis() < 1) {
            throw new IllegalArgumentException("base: " + base + " (expected: >= 1ms)");
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor: " + factor + " (expected: >= 1, finite)");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: 0..1)");
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= base " + base + ")");
        }
    }

    /** The upper bound of the wait before retry {@code attempt} (0 for the first): {@code min(max, base * factor^attempt)}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 0)");
        }
        // In double nanoseconds, so a large attempt saturates at max instead of overflowing.
        double nanos = base.toNanos() * Math.pow(factor, attempt);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** Full jitter: a uniformly random wait in {@code [0, ceiling(attempt))}. */
    public Duration retryDelay(int attempt, RandomGenerator random) {
        requireNonNull(random, "random");
        return Duration.ofNanos((long) (random.nextDouble() * ceiling(attempt).toNanos()));
    }

    /**
     * PROTOCOL 3.5: the wait after a {@code reconnect} frame: the edge's {@code delay} plus a uniformly random
     * part of up to {@code jitter * delay}; never earlier than the edge asked.
     */
    public Duration reconnectDelay(Duration delay, RandomGenerator random) {
        requireNonNull(delay, "delay");
        requireNonNull(random, "random");
        return delay.plusNanos((long) (random.nextDouble() * jitter * delay.toNanos()));
    }
}
