package io.pushfleet.bench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunSeriesTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        RunSeries s = series(30, 10, 20);

        assertThat(s.median()).isEqualTo(20);
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(30);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(series(4, 1, 3, 100).median()).isEqualTo(3.5);
    }

    @Test
    void runsThatMeasuredNothingAreLeftOutButCounted() {
        RunSeries s = series(5, Double.NaN, 7);

        assertThat(s.median()).isEqualTo(6);
        assertThat(s.missing()).isEqualTo(1);
        assertThat(s.values()).hasSize(3);
    }

    @Test
    void noMeasuredValueGivesNaN() {
        assertThat(series(Double.NaN).median()).isNaN();
        assertThat(new RunSeries("empty").max()).isNaN();
    }

    private static RunSeries series(double... values) {
        RunSeries s = new RunSeries("x");
        for (double v : values) {
            s.add(v);
        }
        return s;
    }
}
