package io.pushfleet.edge.session;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The time limits the sweep enforces. {@code closeGrace} bounds how long a started close may wait for its
 * farewell to be written before the channel is closed hard; {@code drainGrace} how long a connection asked to
 * reconnect (DESIGN 3.10) may stay before it is closed with GOING_AWAY.
 */
public record SessionLimits(Duration authTimeout, Duration idleTimeout, Duration slowConsumerTimeout,
                            Duration closeGrace, Duration sweepInterval, Duration drainGrace) {

    private static final Duration MIN_SWEEP = Duration.ofMillis(10);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(1);

    public SessionLimits {
        requirePositive("authTimeout", authTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("slowConsumerTimeout", slowConsumerTimeout);
        requirePositive("closeGrace", closeGrace);
        requirePositive("sweepInterval", sweepInterval);
        requirePositive("drainGrace", drainGrace);
    }

    /**
     * Limits with a sweep interval of a quarter of the shortest limit, between 10 ms and 1 s, so a limit is
     * enforced at most a quarter late.
     */
    public static SessionLimits of(Duration authTimeout, Duration idleTimeout, Duration slowConsumerTimeout,
                                   Duration drainGrace) {
        Duration shortest = min(min(authTimeout, idleTimeout), slowConsumerTimeout).dividedBy(4);
        Duration sweep = shortest.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : min(shortest, MAX_SWEEP);
        return new SessionLimits(authTimeout, idleTimeout, slowConsumerTimeout, Duration.ofSeconds(5), sweep, drainGrace);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void requirePositive(String name, Duration d) {
        requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }
}
