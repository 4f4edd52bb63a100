package io.pushfleet.control.web;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A request refused because its client made too many of them: answered 429 {@code rate_limited} with a
 * {@code Retry-After} header by {@link ErrorMappers}. No stack trace: it is an answer, not a bug.
 */
public final class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(requireNonNull(message, "message"), null, false, false);
        this.retryAfter = requireNonNull(retryAfter, "retryAfter");
    }

    /** Whole seconds until a retry can succeed, rounded up, at least 1 (the {@code Retry-After} value). */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
