package io.pushfleet.edge.session;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How this node moves its clients away (DESIGN 3.10). Ranges are checked with the rest of the configuration
 * ({@code EdgeConfig.Builder}); this only refuses values that cannot work at all.
 *
 * @param rate         clients asked to reconnect per second during an operator's drain
 * @param shutdownRate the same when the process is stopping
 * @param jitter       the largest {@code delayMs} of a {@code reconnect} frame
 * @param grace        how long a client asked to reconnect may stay before it is closed with GOING_AWAY
 * @param timeout      on shutdown, the longest the drain runs before the remaining clients are closed; zero skips it
 */
public record DrainSettings(int rate, int shutdownRate, Duration jitter, Duration grace, Duration timeout) {

    public DrainSettings {
        requireNonNull(jitter, "jitter");
        requireNonNull(grace, "grace");
        requireNonNull(timeout, "timeout");
        if (rate < 1 || shutdownRate < 1) {
            throw new IllegalArgumentException("rate: " + rate + ", shutdownRate: " + shutdownRate + " (expected: >= 1)");
        }
        if (jitter.isNegative() || timeout.isNegative() || grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("jitter: " + jitter + ", grace: " + grace + ", timeout: " + timeout
                    + " (expected: jitter and timeout >= 0, grace > 0)");
        }
    }
}
