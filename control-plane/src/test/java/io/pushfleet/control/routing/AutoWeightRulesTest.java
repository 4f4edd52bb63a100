package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The formula of docs/routing.md, with its worked example. */
class AutoWeightRulesTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final long MIB = 1L << 20;
    static final AutoWeightRules RULES = new AutoWeightRules(Duration.ofSeconds(60), 0.1, 5, 20, Duration.ofMillis(100));

    /** A report made at {@link #NOW} by a node up for {@code uptime}; capacity 10,000, heap maximum 1 GiB. */
    static NodeInfo report(String id, NodeState state, long connections, double cpu, long heapMib, long directMib,
                           Duration loopLag, Duration uptime) {
        return new NodeInfo(new NodeId(id), NOW.minus(uptime).toEpochMilli(), state, "ws://127.0.0.1:8181/ws",
                "127.0.0.1", 9181, "http://127.0.0.1:9281", connections, 10_000, heapMib * MIB, 1024 * MIB,
                directMib * MIB, cpu, loopLag.toNanos() / 1_000, NOW);
    }

    /** An idle, grown-up node but for {@code connections}: its target is {@code 100 - connections / 100}. */
    static NodeInfo withConnections(String id, long connections) {
        return report(id, NodeState.UP, connections, 0.0, 0, 0, Duration.ZERO, Duration.ofHours(1));
    }

    @Test
    void takesTheScarcestHeadroomAsTheTargetAsInTheWorkedExample() {
        // edge-a: connections 0.6 free, CPU 0.7, heap 0.75, direct 0.875, lag 0.8 -> 0.6 -> 60.
        NodeInfo a = report("edge-a", NodeState.UP, 4_000, 0.30, 256, 128, Duration.ofMillis(20), Duration.ofMinutes(10));
        // edge-b: heap is scarcest (0.902 -> 90), but 20 s after boot the ramp caps it at 10 + 90 * 20/60 = 40.
        NodeInfo b = report("edge-b", NodeState.UP, 100, 0.05, 100, 16, Duration.ofMillis(1), Duration.ofSeconds(20));

        assertThat(RULES.target(a)).isEqualTo(60);
        assertThat(RULES.target(b)).isEqualTo(40);
        assertThat(RULES.rampCap(b)).isEqualTo(40);
    }

    @Test
    void followsEdgeAThroughTheWorkedExampleUpdates() {
        Duration lag = Duration.ofMillis(20);
        Duration up = Duration.ofMinutes(10);
        int weight = 60;
        int[] seen = new int[5];

        seen[0] = weight = RULES.next(weight, report("edge-a", NodeState.UP, 4_300, 0.30, 256, 128, lag, up));
        seen[1] = weight = RULES.next(weight, report("edge-a", NodeState.UP, 5_000, 0.30, 256, 128, lag, up));
        seen[2] = weight = RULES.next(weight, report("edge-a", NodeState.UP, 5_000, 0.95, 256, 128, lag, up));
        seen[3] = weight = RULES.next(weight, report("edge-a", NodeState.UP, 5_000, 0.95, 256, 128, lag, up));
        seen[4] = RULES.next(weight, report("edge-a", NodeState.UP, 10_000, 0.95, 256, 128, lag, up));

        assertThat(seen).containsExactly(60, 50, 30, 10, 0);
    }

    @Test
    void givesZeroOnlyToAFullOrDrainingNode() {
        NodeInfo full = report("edge-c", NodeState.UP, 10_000, 0.0, 0, 0, Duration.ZERO, Duration.ofHours(1));
        NodeInfo over = report("edge-c", NodeState.UP, 12_000, 0.0, 0, 0, Duration.ZERO, Duration.ofHours(1));
        NodeInfo draining = report("edge-d", NodeState.DRAINING, 0, 0.0, 0, 0, Duration.ZERO, Duration.ofHours(1));
        NodeInfo saturated = report("edge-e", NodeState.UP, 9_999, 1.0, 1024, 2048, Duration.ofSeconds(1), Duration.ZERO);

        assertThat(RULES.target(full)).isZero();
        assertThat(RULES.target(over)).isZero();
        assertThat(RULES.target(draining)).isZero();
        assertThat(RULES.target(saturated)).isEqualTo(1);
        assertThat(RULES.next(80, full)).isZero();
        assertThat(RULES.next(80, draining)).isZero();
    }

    @Test
    void ignoresATargetChangeSmallerThanTheHysteresis() {
        assertThat(RULES.next(60, withConnections("a", 4_300))).isEqualTo(60);
        assertThat(RULES.next(60, withConnections("a", 3_600))).isEqualTo(60);
        assertThat(RULES.next(60, withConnections("a", 4_500))).isEqualTo(55);
    }

    @Test
    void movesAWeightByAtMostTheStepEitherWay() {
        assertThat(RULES.next(50, withConnections("a", 9_500))).isEqualTo(30);
        assertThat(RULES.next(10, withConnections("a", 0))).isEqualTo(30);
    }

    @Test
    void movesAWeightOffZeroEvenByLessThanTheHysteresis() {
        assertThat(RULES.next(0, withConnections("a", 9_800))).isEqualTo(2);
    }

    @Test
    void capsAYoungNodeAndLetsTheCapGrowLinearlyToFull() {
        assertThat(RULES.rampCap(report("n", NodeState.UP, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO))).isEqualTo(10);
        assertThat(RULES.rampCap(report("n", NodeState.UP, 0, 0, 0, 0, Duration.ZERO, Duration.ofSeconds(30)))).isEqualTo(55);
        assertThat(RULES.rampCap(report("n", NodeState.UP, 0, 0, 0, 0, Duration.ZERO, Duration.ofSeconds(90)))).isEqualTo(100);
        assertThat(new AutoWeightRules(Duration.ZERO, 0.1, 5, 20, Duration.ofMillis(100))
                .target(report("n", NodeState.UP, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO))).isEqualTo(100);
    }
}
