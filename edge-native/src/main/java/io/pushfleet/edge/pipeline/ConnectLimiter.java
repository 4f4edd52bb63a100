package io.pushfleet.edge.pipeline;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * New connections per source address, limited to a rate with a burst (a token bucket, kept as GCRA: one
 * "theoretical arrival time" per bucket). Buckets live in a fixed table of {@link #CELLS} longs indexed by a
 * hash of the address keyed with a per-process random seed, so the memory is the same (512 KiB) whatever
 * number of addresses connect, an attacker cannot pick addresses that share a bucket with a victim, and the
 * check is a hash and a compare-and-set on every accept. Addresses that happen to share a cell share its
 * allowance. IPv6 addresses count per /64, the block one subscriber usually holds. Thread-safe: the event
 * loops of both listeners call it.
 */
public final class ConnectLimiter {

    /** Buckets in the table; a power of two. */
    static final int CELLS = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier ticker;
    private final long origin;
    private final int seed;
    private final AtomicLongArray arrivals;

    /**
     * @param perSecond connects per second per address on average; 0 admits everything (and allocates no table)
     * @param burst     connects an address may open at once, at least 1
     */
    ConnectLimiter(int perSecond, int burst, LongSupplier ticker, int seed) {
        if (perSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond: " + perSecond + ", burst: " + burst
                    + " (expected: perSecond >= 0, burst >= 1)");
        }
        this.intervalNanos = perSecond == 0 ? 0 : NANOS_PER_SECOND / perSecond;
        this.toleranceNanos = intervalNanos * (burst - 1L);
        this.ticker = ticker;
        this.origin = ticker.getAsLong();
        this.seed = seed;
        this.arrivals = perSecond == 0 ? null : new AtomicLongArray(CELLS);
    }

    /** A limiter on the system's monotonic clock with a random seed; {@code perSecond} 0 turns it off. */
    public ConnectLimiter(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime, ThreadLocalRandom.current().nextInt());
    }

    /** Counts a connect from {@code remote}; false when its address is over the limit. Other addresses always pass. */
    public boolean tryAcquire(SocketAddress remote) {
        if (arrivals == null || !(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true;
        }
        int cell = cell(inet.getAddress());
        long now = ticker.getAsLong() - origin;
        while (true) {
            long current = arrivals.get(cell);
            long arrival = Math.max(current, now);
            if (arrival - now > toleranceNanos) {
                return false;
            }
            if (arrivals.compareAndSet(cell, current, arrival + intervalNanos)) {
                return true;
            }
        }
    }

    /** Whole seconds until one more connect from a refused address passes, at least 1 (for {@code Retry-After}). */
    public long retryAfterSeconds() {
        return Math.max(1, (intervalNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    private int cell(InetAddress address) {
        // Inet4Address.hashCode() is the address itself and allocates nothing.
        int hash = address.hashCode();
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            hash = 0;
            for (int i = 0; i < 8; i++) {
                hash = 31 * hash + bytes[i];
            }
        }
        return mix(hash ^ seed) & (CELLS - 1);
    }

    /** MurmurHash3's 32-bit finaliser: every input bit moves every output bit. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
