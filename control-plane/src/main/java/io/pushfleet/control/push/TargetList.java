package io.pushfleet.control.push;

import io.pushfleet.model.id.UserId;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The user ids a task is routed to: ascending and distinct, stored as 8 bytes big-endian each
 * ({@code push_tasks.target_ids}). Fixed width, so a chunk is a slice and never needs the ids before it.
 * Immutable.
 */
public final class TargetList {

    static final int BYTES_PER_ID = Long.BYTES;

    private final long[] ids;

    private TargetList(long[] ids) {
        this.ids = ids;
    }

    /** Sorts and removes duplicates; every id must be positive. */
    public static TargetList of(long[] ids, int count) {
        long[] sorted = Arrays.copyOf(ids, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] <= 0) {
                throw new IllegalArgumentException("userId: " + sorted[i] + " (expected: > 0)");
            }
            if (distinct == 0 || sorted[distinct - 1] != sorted[i]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return new TargetList(distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct));
    }

    public static TargetList of(List<UserId> users) {
        return of(users.stream().mapToLong(UserId::value).toArray(), users.size());
    }

    public static TargetList fromBytes(byte[] bytes) {
        if (bytes.length % BYTES_PER_ID != 0) {
            throw new IllegalArgumentException("target_ids: " + bytes.length + " bytes (expected: a multiple of 8)");
        }
        long[] ids = new long[bytes.length / BYTES_PER_ID];
        ByteBuffer.wrap(bytes).asLongBuffer().get(ids);
        return of(ids, ids.length);
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(ids.length * BYTES_PER_ID);
        buffer.asLongBuffer().put(ids);
        return buffer.array();
    }

    public int size() {
        return ids.length;
    }

    /** The ids from index {@code from} (inclusive) to {@code to} (exclusive). */
    public List<UserId> slice(int from, int to) {
        List<UserId> users = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            users.add(new UserId(ids[i]));
        }
        return users;
    }
}
