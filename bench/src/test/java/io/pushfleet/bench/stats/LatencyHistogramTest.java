package io.pushfleet.bench.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Histograms recorded apart merge exactly, and an encoding is made again only when something was recorded. */
class LatencyHistogramTest {

    @Test
    void mergesWhatOtherProcessesEncoded() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.recordNanos(2_000_000);
        b.recordNanos(4_000_000);
        b.recordNanos(4_000_000);

        LatencyHistogram merged = new LatencyHistogram();
        merged.add(LatencyHistogram.decode(a.encode()));
        merged.add(LatencyHistogram.decode(b.encode()));

        assertThat(merged.count()).isEqualTo(3);
        assertThat(merged.percentileMs(50)).isCloseTo(4.0, within(0.01));
    }

    @Test
    void encodesAgainOnlyAfterARecord() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(1_000_000);
        String first = h.encode();

        assertThat(h.encode()).isSameAs(first);
        h.recordNanos(3_000_000);
        String second = h.encode();

        assertThat(second).isNotEqualTo(first);
        assertThat(LatencyHistogram.decode(second).count()).isEqualTo(2);
    }

    @Test
    void refusesWhatIsNotAnEncodedHistogram() {
        assertThatThrownBy(() -> LatencyHistogram.decode("bm90IGEgaGlzdG9ncmFt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a compressed HdrHistogram");
    }
}
