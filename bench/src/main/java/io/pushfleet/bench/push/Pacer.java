package io.pushfleet.bench.push;

import java.util.function.IntConsumer;

/**
 * An open-loop send schedule: each of {@code clients} clients sends every {@code 1 / rate} seconds, client
 * {@code i} offset by {@code i / clients} of a period so the sends are spread evenly. Open loop: a slow system
 * does not slow the senders down (which would hide its latency). Not thread-safe: one pacing thread calls it.
 */
final class Pacer {

    private final long periodNanos;
    private final long[] next;

    Pacer(int clients, double ratePerClient, long startNanos) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients: " + clients + " (expected: >= 1)");
        }
        if (!(ratePerClient > 0)) {
            throw new IllegalArgumentException("rate: " + ratePerClient + " (expected: > 0)");
        }
        this.periodNanos = Math.round(1e9 / ratePerClient);
        this.next = new long[clients];
        for (int i = 0; i < clients; i++) {
            next[i] = startNanos + periodNanos * i / clients;
        }
    }

    /** Calls {@code send} for every send due at {@code now} (several per client if the caller fell behind). */
    int due(long now, IntConsumer send) {
        int sent = 0;
        for (int i = 0; i < next.length; i++) {
            while (next[i] - now <= 0) {
                send.accept(i);
                next[i] += periodNanos;
                sent++;
            }
        }
        return sent;
    }
}
