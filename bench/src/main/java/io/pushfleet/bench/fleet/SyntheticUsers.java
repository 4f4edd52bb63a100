package io.pushfleet.bench.fleet;

import io.pushfleet.model.id.UserId;

import java.time.Instant;

/**
 * A block of user ids no account has, for benchmark clients and offline targets. Each run of the tool takes
 * a fresh block by default, because the control plane replays stored pushes when a user connects: reusing
 * the ids of an earlier run's offline targets would greet this run's clients with old messages.
 */
public record SyntheticUsers(long first, int size) {

    /** The default base of the blocks: far from the ids a local stack hands out at registration. */
    public static final long BASE = 50_000_001L;
    /** Ids per block; the largest scenario (a batch of 100,000 targets) fits ten times. */
    public static final int BLOCK = 1_000_000;
    /** Blocks before the automatic choice comes round again (one block per second: 11.5 days). */
    static final long BLOCKS = 1_000_000;

    public SyntheticUsers {
        if (first < 1) {
            throw new IllegalArgumentException("first user id: " + first + " (expected: >= 1)");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 1)");
        }
        if (first > Long.MAX_VALUE - size) {
            throw new IllegalArgumentException("first user id: " + first + " (expected: room for " + size + " ids)");
        }
    }

    /** The block for {@code now}: {@code BASE + (epochSecond mod 1,000,000) x 1,000,000}. */
    public static SyntheticUsers forTime(Instant now, int size) {
        if (size > BLOCK) {
            throw new IllegalArgumentException("size: " + size + " (expected: <= " + BLOCK + ")");
        }
        return new SyntheticUsers(BASE + Math.floorMod(now.getEpochSecond(), BLOCKS) * BLOCK, size);
    }

    public UserId user(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("user " + i + " (expected: 0.." + (size - 1) + ")");
        }
        return new UserId(first + i);
    }

    public long last() {
        return first + size - 1;
    }

    @Override
    public String toString() {
        return first + ".." + last();
    }
}
