package io.pushfleet.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), 2.0, 0.2, Duration.ofSeconds(30));

    @Test
    void ceilingGrowsByTheFactorAndStopsAtTheMaxWithoutOverflowing() {
        assertThat(IntStream.range(0, 8).mapToObj(BACKOFF::ceiling).map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThat(BACKOFF.ceiling(10_000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(new Backoff(Duration.ofMillis(100), 1.0, 0, Duration.ofSeconds(1)).ceiling(50))
                .isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> BACKOFF.ceiling(-1)).hasMessage("attempt: -1 (expected: >= 0)");
    }

    @Test
    void retryDelayIsFullJitterUniformOverZeroToTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        int samples = 100_000;
        long ceiling = BACKOFF.ceiling(3).toNanos();
        int[] quarters = new int[4];
        double sum = 0;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < samples; i++) {
            long d = BACKOFF.retryDelay(3, random).toNanos();
            assertThat(d).isBetween(0L, ceiling - 1);
            quarters[(int) (d * 4 / ceiling)]++;
            sum += d;
            min = Math.min(min, d);
        }

        assertThat(sum / samples / ceiling).as("mean / ceiling").isCloseTo(0.5, within(0.01));
        for (int q : quarters) {
            assertThat((double) q / samples).as("share of each quarter of the range").isCloseTo(0.25, within(0.01));
        }
        assertThat((double) min / ceiling).as("full jitter reaches down to zero").isLessThan(0.001);
    }

    @Test
    void reconnectDelayIsTheEdgesDelayStretchedByUpToTheJitter() {
        SplittableRandom random = new SplittableRandom(7);
        Duration asked = Duration.ofSeconds(10);

        for (int i = 0; i < 10_000; i++) {
            assertThat(BACKOFF.reconnectDelay(asked, random)).isBetween(asked, Duration.ofSeconds(12));
        }
        assertThat(BACKOFF.reconnectDelay(Duration.ZERO, random)).isZero();
    }
}
