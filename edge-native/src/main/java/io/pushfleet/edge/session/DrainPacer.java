package io.pushfleet.edge.session;

import java.time.Duration;
import java.util.Arrays;

/**
 * Hands out permits to send {@code reconnect} frames so that the whole node sends at most {@code rate} of
 * them in any one second (DESIGN 3.10), shared fairly by the event loops that still have clients to move.
 *
 * <p>A token bucket that starts empty: tokens accrue at {@code rate - burst} per second up to {@code burst},
 * where {@code burst} is one tick's worth plus one permit. Any window of d seconds then sees at most
 * {@code burst + (rate - burst) * d} permits, which is {@code rate} for a one-second window; a steady drain
 * gets about {@code rate / 1.1} per second with the 100 ms tick. Each event loop
 * asks once per tick ({@link #take}); a loop gets at most an equal share of a full bucket among the loops
 * that asked within the last two ticks (every loop counts as asking at the start), so the loops drain side by
 * side rather than one after another.
 * Times are nanos of one ticker shared by every caller. Thread-safe.
 */
public final class DrainPacer {

    private final long tickNanos;
    private final int slots;
    private final long[] lastAskNanos;
    private double perNano;
    private double burst;
    private double tokens;
    private long lastRefillNanos;

    /**
     * @param rate    permits per second, at least 2
     * @param tick    how often each loop asks
     * @param slots   the number of event loops (each asks with its own slot index)
     * @param nowNanos the start; the bucket is empty then
     */
    public DrainPacer(int rate, Duration tick, int slots, long nowNanos) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots: " + slots + " (expected: >= 1)");
        }
        this.tickNanos = tick.toNanos();
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tick: " + tick + " (expected: > 0)");
        }
        this.slots = slots;
        // Every loop counts as asking at the start, so the first to ask does not take the whole first bucket.
        this.lastAskNanos = new long[slots];
        Arrays.fill(lastAskNanos, nowNanos);
        this.lastRefillNanos = nowNanos;
        rate(rate);
    }

    /** Changes the rate from now on (a shutdown drains faster than an operator's drain); keeps the tokens. */
    public synchronized void rate(int rate) {
        if (rate < 2) {
            // A bucket holds at least one permit, so a rate of 1 would leave nothing to refill it.
            throw new IllegalArgumentException("rate: " + rate + " (expected: >= 2)");
        }
        double tickSeconds = tickNanos / 1e9;
        // burst + refill * 1 s = rate. A burst of one tick's refill plus one permit means a loop asking every tick
        // never finds the bucket full (it leaves less than a permit behind), so no refill is wasted.
        double refillPerSecond = (rate - 1) / (1 + tickSeconds);
        burst = 1 + refillPerSecond * tickSeconds;
        perNano = refillPerSecond / 1e9;
        tokens = Math.min(tokens, burst);
    }

    /** Permits for the loop in {@code slot} at {@code nowNanos}; 0 when none are due. */
    public synchronized int take(int slot, long nowNanos) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot: " + slot + " (expected: 0.." + (slots - 1) + ")");
        }
        refill(nowNanos);
        lastAskNanos[slot] = nowNanos;
        int askers = 0;
        for (long asked : lastAskNanos) {
            if (nowNanos - asked <= 2 * tickNanos) {
                askers++;
            }
        }
        int share = (int) Math.ceil(burst / askers);
        // The epsilon absorbs rounding: a bucket refilled to exactly n permits must grant n, not n - 1.
        int granted = (int) Math.min(share, Math.floor(tokens + 1e-9));
        tokens -= granted;
        return granted;
    }

    /** Gives back permits a loop took but did not use (it ran out of clients to ask). */
    public synchronized void refund(int unused) {
        if (unused > 0) {
            tokens = Math.min(burst, tokens + unused);
        }
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            lastRefillNanos = nowNanos;
        }
    }
}
