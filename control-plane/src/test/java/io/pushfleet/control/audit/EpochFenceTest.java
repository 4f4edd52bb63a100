package io.pushfleet.control.audit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class EpochFenceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final long LONG_AGO = NOW.minusSeconds(3600).toEpochMilli();
    private static final long JUST_NOW = NOW.minusSeconds(2).toEpochMilli();

    @Test
    void theReportedRunIsAliveAndEarlierRunsAreDead() {
        EpochFence fence = new EpochFence(OptionalLong.of(LONG_AGO), NOW, GRACE);

        assertThat(fence.dead(LONG_AGO)).isFalse();
        assertThat(fence.dead(LONG_AGO - 1)).isTrue();
        assertThat(fence.noRun()).isFalse();
        assertThat(fence.unreadBefore()).isEqualTo(LONG_AGO);
    }

    @Test
    void withoutARegistryEntryOnlyRunsOlderThanTheGraceAreDead() {
        EpochFence fence = new EpochFence(OptionalLong.empty(), NOW, GRACE);

        assertThat(fence.dead(LONG_AGO)).isTrue();
        assertThat(fence.dead(JUST_NOW)).as("a new run that has not reported yet").isFalse();
        assertThat(fence.noRun()).isTrue();
        assertThat(fence.unreadBefore()).isEqualTo(NOW.minus(GRACE).toEpochMilli());
    }

    @Test
    void aNewerRunThanTheReportedOneIsLeftAloneWithinTheGrace() {
        EpochFence fence = new EpochFence(OptionalLong.of(LONG_AGO), NOW, GRACE);

        assertThat(fence.dead(JUST_NOW)).isFalse();
        assertThat(fence.dead(LONG_AGO + 1)).isTrue();
    }
}
