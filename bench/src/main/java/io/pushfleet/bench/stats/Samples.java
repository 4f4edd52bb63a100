package io.pushfleet.bench.stats;

import java.util.Arrays;

/**
 * A growable list of {@code long} samples (latencies in nanoseconds), safe to add to from several threads.
 * Adds are rare enough in the benchmarks (a few thousand a second) that one lock costs nothing measurable.
 */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public synchronized int size() {
        return size;
    }

    /** A copy of the samples added so far. */
    public synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    public synchronized void clear() {
        size = 0;
    }
}
