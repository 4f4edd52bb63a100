package io.pushfleet.bench.storm;

/**
 * Paces connection attempts at a target rate: a token bucket refilled continuously at {@code rate} per
 * second and holding at most {@code burst} tokens, so a pacer that was held back (by the in-flight cap)
 * does not release a storm larger than the burst. A rate of {@link Double#POSITIVE_INFINITY} means no
 * pacing. Not thread-safe: the worker's one pacing thread calls it.
 */
final class ConnectPacer {

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    ConnectPacer(double ratePerSecond, int burst, long startNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: > 0)");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: >= 1)");
        }
        this.tokensPerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.last = startNanos;
    }

    /** Takes up to {@code max} tokens available at {@code now}; returns how many were taken. */
    int take(long now, int max) {
        if (max <= 0) {
            return 0;
        }
        if (Double.isInfinite(tokensPerNano)) {
            return max;
        }
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        int n = (int) Math.min(Math.floor(tokens), max);
        tokens -= n;
        return n;
    }

    /** Nanoseconds until the next token, for the pacing thread's sleep (at least 100 us, at most 1 s). */
    long nanosToNextToken() {
        if (Double.isInfinite(tokensPerNano) || tokens >= 1) {
            return 100_000;
        }
        return Math.clamp((long) ((1 - tokens) / tokensPerNano), 100_000, 1_000_000_000);
    }
}
