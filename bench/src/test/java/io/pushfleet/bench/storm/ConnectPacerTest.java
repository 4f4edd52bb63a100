package io.pushfleet.bench.storm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectPacerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void releasesTheRateOverASecondInSmallSteps() {
        ConnectPacer pacer = new ConnectPacer(1000, 50, 0);
        int taken = 0;
        for (long t = SECOND / 100; t <= SECOND; t += SECOND / 100) {
            taken += pacer.take(t, Integer.MAX_VALUE);
        }
        assertThat(taken).isBetween(999, 1000);
    }

    @Test
    void aPacerHeldBackReleasesAtMostItsBurst() {
        ConnectPacer pacer = new ConnectPacer(1000, 50, 0);
        assertThat(pacer.take(10 * SECOND, Integer.MAX_VALUE)).isEqualTo(50);
        assertThat(pacer.take(10 * SECOND, Integer.MAX_VALUE)).isZero();
    }

    @Test
    void takesNoMoreThanAskedAndKeepsTheRest() {
        ConnectPacer pacer = new ConnectPacer(1000, 100, 0);
        assertThat(pacer.take(SECOND / 10, 30)).isEqualTo(30);
        assertThat(pacer.take(SECOND / 10, 1000)).isEqualTo(70);
    }

    @Test
    void anInfiniteRateIsUnpaced() {
        ConnectPacer pacer = new ConnectPacer(Double.POSITIVE_INFINITY, 1, 0);
        assertThat(pacer.take(0, 12_345)).isEqualTo(12_345);
    }

    @Test
    void waitsForTheNextTokenBetweenBounds() {
        ConnectPacer slow = new ConnectPacer(0.5, 1, 0);
        assertThat(slow.nanosToNextToken()).isEqualTo(1_000_000_000);
        ConnectPacer fast = new ConnectPacer(1_000_000, 1, 0);
        assertThat(fast.nanosToNextToken()).isEqualTo(100_000);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new ConnectPacer(0, 1, 0)).hasMessage("rate: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> new ConnectPacer(10, 0, 0)).hasMessage("burst: 0 (expected: >= 1)");
    }
}
