package io.pushfleet.bench.push;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void sendsRateTimesClientsPerSecondSpreadEvenly() {
        Pacer pacer = new Pacer(4, 2, 0);
        List<Long> times = new ArrayList<>();

        for (long now = 0; now < SECOND; now += 1_000_000) {
            long at = now;
            pacer.due(now, client -> times.add(at));
        }

        assertThat(times).hasSize(8);
        // periods of 500 ms, clients offset by 125 ms: one send every 125 ms
        assertThat(times).containsExactly(0L, 125_000_000L, 250_000_000L, 375_000_000L, 500_000_000L,
                625_000_000L, 750_000_000L, 875_000_000L);
    }

    @Test
    void catchesUpWhenTheCallerFellBehindInsteadOfSlowingDown() {
        Pacer pacer = new Pacer(1, 10, 0);

        int sent = pacer.due(SECOND - 1, client -> { });

        assertThat(sent).isEqualTo(10);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new Pacer(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
