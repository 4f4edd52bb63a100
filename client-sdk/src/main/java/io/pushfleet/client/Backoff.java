package io.pushfleet.client;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Reconnect backoff parameters from the login response: the n-th retry waits about
 * {@code min(max, base * factor^n)}, spread by {@code ±jitter} of itself so a fleet of clients does not
 * reconnect in lockstep. This release only carries the values; the reconnect loop comes later.
 */
public record Backoff(Duration base, double factor, double jitter, Duration max) {

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
}
