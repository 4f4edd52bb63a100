package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.FleetListener;
import io.pushfleet.bench.stats.Percentiles;
import io.pushfleet.model.frame.Frame;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static java.util.Objects.requireNonNull;

/**
 * Counts the pushes of one run per client. A push belongs to the run when its body contains the run's nonce
 * (known before the POST, so a push that overtakes the {@code 202} is not missed); any other push is
 * counted as foreign (a replay of an older message, or a leftover of an earlier run).
 */
final class PushRecorder implements FleetListener {

    private final String nonce;
    private final AtomicIntegerArray perClient;
    private final AtomicLongArray arrivals;
    private final AtomicInteger reached = new AtomicInteger();
    private final AtomicInteger foreign = new AtomicInteger();
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    PushRecorder(int clients, String nonce) {
        this.perClient = new AtomicIntegerArray(clients);
        this.arrivals = new AtomicLongArray(clients);
        this.nonce = requireNonNull(nonce, "nonce");
    }

    @Override
    public void onPush(int client, Frame.Push push, long nanos) {
        if (!push.body().json().contains(nonce)) {
            foreign.incrementAndGet();
            return;
        }
        if (perClient.incrementAndGet(client) == 1) {
            arrivals.set(client, nanos);
            reached.incrementAndGet();
            first.accumulateAndGet(nanos, Math::min);
            last.accumulateAndGet(nanos, Math::max);
        }
    }

    /** Clients that got the run's push at least once. */
    int reached() {
        return reached.get();
    }

    /** {@link System#nanoTime()} of the first arrival at any client; {@code Long.MAX_VALUE} before. */
    long firstNanos() {
        return first.get();
    }

    /** The latest first arrival: when the last client got it. */
    long lastNanos() {
        return last.get();
    }

    /**
     * Percentiles of the clients' first arrivals, in nanoseconds after {@code fromNanos}, over the clients
     * reached. With targets routed in id order and clients spread through the ids, the median shows whether
     * routing kept its pace through the task.
     */
    Percentiles arrivals(long fromNanos) {
        long[] times = new long[reached.get()];
        int n = 0;
        for (int i = 0; i < perClient.length() && n < times.length; i++) {
            if (perClient.get(i) > 0) {
                times[n++] = arrivals.get(i) - fromNanos;
            }
        }
        return Percentiles.of(Arrays.copyOf(times, n));
    }

    int foreign() {
        return foreign.get();
    }

    /** Clients that did not get it. */
    int missing() {
        return perClient.length() - reached.get();
    }

    /** Extra copies: pushes of this run beyond the first at each client. */
    int duplicates() {
        int extra = 0;
        for (int i = 0; i < perClient.length(); i++) {
            extra += Math.max(0, perClient.get(i) - 1);
        }
        return extra;
    }
}
