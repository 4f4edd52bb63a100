package io.pushfleet.bench.storm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.pushfleet.bench.storm.WorkerReportTest.report;
import static org.assertj.core.api.Assertions.assertThat;

class StormTotalsTest {

    @Test
    void sumsCountsAndReasonsOfAllWorkers() {
        StormTotals t = StormTotals.of(List.of(report(0, 10, 8, 2, 50), report(1, 10, 9, 1, 70)), 2);
        assertThat(t.target()).isEqualTo(20);
        assertThat(t.held()).isEqualTo(17);
        assertThat(t.failed()).isEqualTo(3);
        assertThat(t.failures()).containsEntry("connect: Connection refused", 3L);
        assertThat(t.allSettled()).isTrue();
        assertThat(t.lastSettledAt()).isEqualTo(70);
    }

    @Test
    void mergesLatenciesExactlyAcrossWorkers() {
        // 99 fast connects on one worker and one slow one on the other: the merged p99 and max see both.
        long[] fast = new long[99];
        Arrays.fill(fast, 2);
        StormTotals t = StormTotals.of(List.of(report(0, 99, 99, 0, 1, fast), report(1, 1, 1, 0, 1, 900)), 2);
        assertThat(t.latency().count()).isEqualTo(100);
        assertThat(t.latency().percentileMs(50)).isEqualTo(2.0);
        assertThat(t.latency().percentileMs(99)).isEqualTo(2.0);
        assertThat(t.latency().maxMs()).isBetween(899.0, 901.0);
    }

    @Test
    void mergesDeliveriesOfOneMessageAcrossWorkers() {
        StormTotals t = StormTotals.of(List.of(report(0, 10, 10, 0, 1), report(3, 10, 10, 0, 1)), 2);
        assertThat(t.push(7)).isEqualTo(new WorkerReport.PushSeen(7, 20, 100, 203));
        assertThat(t.push(8).count()).isZero();
    }

    @Test
    void isNotSettledWhileAWorkerIsSilentOrStillConnecting() {
        assertThat(StormTotals.of(List.of(report(0, 10, 10, 0, 5)), 2).allSettled()).isFalse();
        assertThat(StormTotals.of(List.of(report(0, 10, 10, 0, 5), report(1, 10, 4, 0, 0)), 2).allSettled()).isFalse();
    }
}
