package io.pushfleet.edge.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sweep runs a quarter of the shortest limit apart, between 10 ms and 1 s. */
class SessionLimitsTest {

    private static Duration sweep(long authMs, long idleMs, long slowMs) {
        return SessionLimits.of(Duration.ofMillis(authMs), Duration.ofMillis(idleMs), Duration.ofMillis(slowMs),
                Duration.ofSeconds(30)).sweepInterval();
    }

    @Test
    void sweepsAQuarterOfTheShortestLimitApart() {
        assertThat(sweep(2_000, 90_000, 10_000)).isEqualTo(Duration.ofMillis(500));
        assertThat(sweep(10_000, 3_000, 10_000)).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void sweepsAtLeastEverySecondAndAtMostEvery10Ms() {
        assertThat(sweep(10_000, 90_000, 10_000)).as("the edge's defaults").isEqualTo(Duration.ofSeconds(1));
        assertThat(sweep(20, 20, 20)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void refusesALimitThatIsNotPositive() {
        assertThatThrownBy(() -> sweep(0, 90_000, 10_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authTimeout");
    }
}
