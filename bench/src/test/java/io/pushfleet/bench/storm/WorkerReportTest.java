package io.pushfleet.bench.storm;

import io.pushfleet.bench.stats.LatencyHistogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerReportTest {

    static WorkerReport report(int worker, int target, int held, int failed, long settledAt, long... latenciesMs) {
        LatencyHistogram h = new LatencyHistogram();
        for (long ms : latenciesMs) {
            h.recordNanos(ms * 1_000_000);
        }
        return new WorkerReport(WorkerReport.SETTLED, worker, target, target, held, failed, 0,
                failed > 0 ? Map.of("connect: Connection refused", (long) failed) : Map.of(), Map.of(), h.encode(),
                settledAt, List.of(new WorkerReport.PushSeen(7, held, 100 + worker, 200 + worker)));
    }

    @Test
    void roundTripsThroughOneLine() {
        WorkerReport r = report(1, 10, 9, 1, 123, 5, 6, 7);
        String line = r.toLine();
        assertThat(line).startsWith("STORM {").doesNotContain("\n");
        WorkerReport back = WorkerReport.parse(line).orElseThrow();
        assertThat(back.held()).isEqualTo(9);
        assertThat(back.failures()).containsEntry("connect: Connection refused", 1L);
        assertThat(back.pushes()).containsExactly(new WorkerReport.PushSeen(7, 9, 101, 201));
        assertThat(LatencyHistogram.decode(back.latency()).count()).isEqualTo(3);
    }

    @Test
    void otherLinesAreNotReports() {
        assertThat(WorkerReport.parse("03:00:01 WARN io.netty - something")).isEmpty();
    }

    @Test
    void aBrokenReportLineSaysWhatWasWrong() {
        assertThatThrownBy(() -> WorkerReport.parse("STORM {\"state\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("worker report: ");
    }
}
