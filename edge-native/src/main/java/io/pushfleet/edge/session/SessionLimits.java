package io.pushfleet.edge.session;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The time limits the sweeps enforce. {@code closeGrace} bounds how long a started close may wait for its
 * farewell to be written before the channel is closed hard; {@code drainGrace} how long a connection asked to
 * reconnect (DESIGN 3.10) may stay before it is closed with GOING_AWAY. {@code watchedSweepInterval} paces the
 * sweep of the sessions in a state with a short limit, {@code fullSweepInterval} the sweep of every session for
 * the idle timeout ({@link LoopSessions}).
 */
public record SessionLimits(Duration authTimeout, Duration idleTimeout, Duration slowConsumerTimeout,
                            Duration closeGrace, Duration drainGrace, Duration watchedSweepInterval,
                            Duration fullSweepInterval) {

    private static final Duration MIN_SWEEP = Duration.ofMillis(10);
    private static final Duration MAX_WATCHED_SWEEP = Duration.ofSeconds(1);
    private static final Duration MAX_FULL_SWEEP = Duration.ofMinutes(1);

    public SessionLimits {
        requirePositive("authTimeout", authTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("slowConsumerTimeout", slowConsumerTimeout);
        requirePositive("closeGrace", closeGrace);
        requirePositive("drainGrace", drainGrace);
        requirePositive("watchedSweepInterval", watchedSweepInterval);
        requirePositive("fullSweepInterval", fullSweepInterval);
    }

    /**
     * Limits whose sweeps run a quarter of the limits they enforce apart, so a limit is enforced at most a quarter
     * late: the watched sweep a quarter of the shorter of the auth and slow-consumer timeouts, between 10 ms and
     * 1 s; the full sweep a quarter of the idle timeout, between 10 ms and 1 min.
     */
    public static SessionLimits of(Duration authTimeout, Duration idleTimeout, Duration slowConsumerTimeout,
                                   Duration drainGrace) {
        return new SessionLimits(authTimeout, idleTimeout, slowConsumerTimeout, Duration.ofSeconds(5), drainGrace,
                quarter(min(authTimeout, slowConsumerTimeout), MAX_WATCHED_SWEEP), quarter(idleTimeout, MAX_FULL_SWEEP));
    }

    private static Duration quarter(Duration limit, Duration max) {
        Duration q = limit.dividedBy(4);
        return q.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : min(q, max);
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
