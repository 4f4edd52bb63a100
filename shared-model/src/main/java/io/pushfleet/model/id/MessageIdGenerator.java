package io.pushfleet.model.id;

import java.time.Clock;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Time-ordered 64-bit message ids without coordination: 41 bits of milliseconds since 2026-01-01, 10 bits
 * of worker id, 12 bits of sequence. Each process (edge or control plane) needs a worker id no other live
 * process uses; ids then never collide and sort by creation time. Thread-safe.
 */
public final class MessageIdGenerator {

    public static final int MAX_WORKER_ID = (1 << 10) - 1;
    static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final int SEQUENCE_BITS = 12;
    private static final int WORKER_BITS = 10;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final long workerBits;
    private final Clock clock;
    private long lastMillis = -1;
    private long sequence;

    public MessageIdGenerator(int workerId, Clock clock) {
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("workerId: " + workerId + " (expected: 0.." + MAX_WORKER_ID + ")");
        }
        this.workerBits = (long) workerId << SEQUENCE_BITS;
        this.clock = requireNonNull(clock, "clock");
    }

    public synchronized MessageId next() {
        long now = Math.max(clock.millis() - EPOCH_MILLIS, lastMillis);
        if (now == lastMillis) {
            sequence = (sequence + 1) & SEQUENCE_MASK;
            if (sequence == 0) {
                now = lastMillis + 1; // 4096 ids in one millisecond: borrow the next one rather than wait
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return new MessageId(((now + 1) << (WORKER_BITS + SEQUENCE_BITS)) | workerBits | sequence);
    }
}
