package io.pushfleet.edge.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The watched sweep runs a quarter of the shorter of the auth and slow-consumer timeouts apart (10 ms..1 s), the
 * full sweep a quarter of the idle timeout apart (10 ms..1 min).
 */
class SessionLimitsTest {

    private static SessionLimits limits(long authMs, long idleMs, long slowMs) {
        return SessionLimits.of(Duration.ofMillis(authMs), Duration.ofMillis(idleMs), Duration.ofMillis(slowMs),
                Duration.ofSeconds(30));
    }

    @Test
    void sweepsTheWatchedSessionsAQuarterOfTheShorterShortLimitApart() {
        assertThat(limits(2_000, 90_000, 10_000).watchedSweepInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(limits(10_000, 3_000, 3_000).watchedSweepInterval()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void sweepsAllSessionsAQuarterOfTheIdleTimeoutApart() {
        assertThat(limits(2_000, 90_000, 10_000).fullSweepInterval()).isEqualTo(Duration.ofMillis(22_500));
        assertThat(limits(10_000, 3_000, 10_000).fullSweepInterval()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void keepsBothSweepsWithinTheirBounds() {
        SessionLimits defaults = limits(10_000, 90_000, 10_000);
        assertThat(defaults.watchedSweepInterval()).as("the edge's defaults").isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.fullSweepInterval()).as("the edge's defaults").isEqualTo(Duration.ofMillis(22_500));
        assertThat(limits(20, 20, 20).watchedSweepInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(limits(20, 20, 20).fullSweepInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(limits(10_000, 100 * 3_600_000L, 10_000).fullSweepInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesALimitThatIsNotPositive() {
        assertThatThrownBy(() -> limits(0, 90_000, 10_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authTimeout");
    }
}
