package io.pushfleet.edge.delivery;

import java.util.Arrays;

/**
 * A growable list of primitive longs, so a broadcast to a million connections collects their user ids without
 * boxing one {@code Long} each. Not thread-safe: each event-loop task fills its own.
 */
final class LongList {

    private long[] values = new long[64];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** Sorts {@code ids} in place and returns them without repeats (a user with several devices appears once). */
    static long[] sortedDistinct(long[] ids) {
        Arrays.sort(ids);
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (n == 0 || ids[i] != ids[n - 1]) {
                ids[n++] = ids[i];
            }
        }
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }
}
