package io.pushfleet.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void takesTheNearestRankOfOneToAHundred() {
        long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // descending on purpose

        Percentiles p = Percentiles.of(samples);

        assertThat(p).isEqualTo(new Percentiles(100, 1, 50, 90, 99, 100));
        assertThat(samples[0]).as("input left as it was").isEqualTo(100);
    }

    @Test
    void roundsTheRankUpSoEveryFigureIsAMeasuredValue() {
        Percentiles p = Percentiles.of(new long[] {10, 20, 30});

        assertThat(p.p50()).isEqualTo(20);   // ceil(1.5) = 2nd
        assertThat(p.p90()).isEqualTo(30);   // ceil(2.7) = 3rd
        assertThat(p.p99()).isEqualTo(30);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7, 7));
    }

    @Test
    void noSamplesGiveZerosAndCountZero() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(new Percentiles(0, 0, 0, 0, 0, 0));
    }

    @Test
    void p99OfAThousandSamplesIgnoresTheTenWorst() {
        long[] samples = LongStream.range(0, 1000).map(i -> i < 990 ? 1 : 1_000_000).toArray();

        assertThat(Percentiles.of(samples).p99()).isEqualTo(1);
        assertThat(Percentiles.of(samples).max()).isEqualTo(1_000_000);
    }

    @Test
    void refusesAPercentOutsideZeroToAHundred() {
        assertThatThrownBy(() -> Percentiles.rank(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(new long[] {1}, 100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
