package io.pushfleet.bench.fleet;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Spreads many clients' heartbeats evenly over the interval: called once a second, each call picks the
 * clients whose index is the call number modulo the interval in seconds, so every client pings once per
 * interval and the pings of a large fleet never come in one burst. Thread-safe.
 */
public final class HeartbeatSlots {

    private final AtomicLong tick = new AtomicLong();

    /** Calls {@code ping} for this second's share of {@code clients}, with {@code intervalSeconds} (>= 1) slots. */
    public void tick(int intervalSeconds, int clients, IntConsumer ping) {
        int slots = Math.max(1, intervalSeconds);
        for (int i = Math.floorMod(tick.getAndIncrement(), slots); i < clients; i += slots) {
            ping.accept(i);
        }
    }
}
