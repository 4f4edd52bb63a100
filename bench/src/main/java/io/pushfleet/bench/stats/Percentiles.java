package io.pushfleet.bench.stats;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Nearest-rank percentiles of a set of samples (the p-th percentile is the smallest sample with at least
 * p percent of the samples at or below it), so every figure reported is a value that was measured.
 */
public record Percentiles(int count, long min, long p50, long p90, long p99, long max) {

    /** Percentiles of {@code samples} (not modified); an empty array gives all zeros and count 0. */
    public static Percentiles of(long[] samples) {
        requireNonNull(samples, "samples");
        if (samples.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The nearest-rank {@code percent}-th percentile of ascending {@code sorted} (not empty). */
    static long rank(long[] sorted, double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: > 0 and <= 100)");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
