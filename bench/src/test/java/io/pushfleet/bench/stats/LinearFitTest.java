package io.pushfleet.bench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinearFitTest {

    @Test
    void findsTheSlopeAndInterceptOfMemoryAgainstConnections() {
        double[] held = {0, 1_000, 5_000, 10_000, 19_000};
        double[] bytes = new double[held.length];
        for (int i = 0; i < held.length; i++) {
            bytes[i] = 40e6 + 900 * held[i] + (i % 2 == 0 ? 1e5 : -1e5);
        }
        LinearFit fit = LinearFit.of(held, bytes);
        assertThat(fit.slope()).isCloseTo(900, within(20.0));
        assertThat(fit.intercept()).isCloseTo(40e6, within(2e5));
        assertThat(fit.points()).isEqualTo(5);
    }

    @Test
    void needsTwoDistinctX() {
        assertThatThrownBy(() -> LinearFit.of(new double[]{5, 5}, new double[]{1, 2}))
                .hasMessage("points: 2 with one x value (expected: at least two distinct x)");
    }
}
