package io.pushfleet.client;

import java.time.Duration;

/**
 * How a {@link PushSession} buffers, paces, deduplicates and judges a connection stable. Immutable; build
 * once and share. How it connects (transport, heartbeat, auto-ack, timeouts) is the {@link PushClient}'s
 * {@link ConnectOptions}.
 */
public final class SessionOptions {

    private static final SessionOptions DEFAULTS = builder().build();

    private final int bufferCapacity;
    private final int dedupeWindow;
    private final int maxSendRate;
    private final Duration stableAfter;

    private SessionOptions(Builder b) {
        this.bufferCapacity = b.bufferCapacity;
        this.dedupeWindow = b.dedupeWindow;
        this.maxSendRate = b.maxSendRate;
        this.stableAfter = b.stableAfter;
    }

    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int bufferCapacity() {
        return bufferCapacity;
    }

    public int dedupeWindow() {
        return dedupeWindow;
    }

    public int maxSendRate() {
        return maxSendRate;
    }

    public Duration stableAfter() {
        return stableAfter;
    }

    @Override
    public String toString() {
        return "SessionOptions[bufferCapacity=" + bufferCapacity + ", dedupeWindow=" + dedupeWindow
                + ", maxSendRate=" + maxSendRate + ", stableAfter=" + stableAfter + "]";
    }

    /** Builds {@link SessionOptions}; every setter states its default. */
    public static final class Builder {
        private int bufferCapacity = 1000;
        private int dedupeWindow = 10_000;
        private int maxSendRate = 25;
        private Duration stableAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Messages that may wait for receipts; one more is refused with {@link BufferFullException}. Default 1000. */
        public Builder bufferCapacity(int bufferCapacity) {
            this.bufferCapacity = requireInRange("bufferCapacity", bufferCapacity);
            return this;
        }

        /** How many recent push message ids are remembered to drop duplicates. Default 10,000. */
        public Builder dedupeWindow(int dedupeWindow) {
            this.dedupeWindow = requireInRange("dedupeWindow", dedupeWindow);
            return this;
        }

        /**
         * Most buffered messages written per second, evenly spaced, so a full buffer sent after a reconnect does
         * not trip the edge's frames-per-second limit (50 by default, acks and pings included; 4006). Default 25.
         */
        public Builder maxSendRate(int maxSendRate) {
            this.maxSendRate = requireInRange("maxSendRate", maxSendRate);
            return this;
        }

        /** A connection up this long counts as stable: losing it starts backoff from the beginning. Default 30 s. */
        public Builder stableAfter(Duration stableAfter) {
            this.stableAfter = Durations.requirePositive("stableAfter", stableAfter);
            return this;
        }

        public SessionOptions build() {
            return new SessionOptions(this);
        }

        private static int requireInRange(String name, int value) {
            if (value < 1 || value > 1_000_000) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: 1..1000000)");
            }
            return value;
        }
    }
}
