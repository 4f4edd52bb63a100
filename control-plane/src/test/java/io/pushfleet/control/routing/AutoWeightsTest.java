package io.pushfleet.control.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.pushfleet.control.routing.AutoWeightRulesTest.NOW;
import static io.pushfleet.control.routing.AutoWeightRulesTest.RULES;
import static io.pushfleet.control.routing.AutoWeightRulesTest.withConnections;
import static org.assertj.core.api.Assertions.assertThat;

class AutoWeightsTest {

    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final SelectionRequest REQUEST = new SelectionRequest(new UserId(1), new DeviceId("d"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AutoWeights weights = weights(meters);

    /** The defaults of push.routing.auto.*. */
    static AutoWeights weights(MeterRegistry meters) {
        return new AutoWeights(RULES, 0.5, HOLD, meters);
    }

    private static List<NodeStatus> live(NodeInfo... infos) {
        return Arrays.stream(infos)
                .map(info -> new NodeStatus(info.nodeId(), info.reportedAt(), Optional.of(info), true,
                        info.state() == NodeState.UP, Optional.empty()))
                .toList();
    }

    /** A node idle but for the ramp: booted at {@code boot}, reporting at {@code at}. */
    private static NodeInfo young(String id, Instant boot, Instant at) {
        NodeInfo base = withConnections(id, 0);
        return new NodeInfo(base.nodeId(), boot.toEpochMilli(), base.state(), base.wsUrl(), base.tcpHost(),
                base.tcpPort(), base.adminUrl(), 0, base.capacity(), 0, base.heapMaxBytes(), 0, 0.0, 0, at);
    }

    private int weightOf(String id) {
        return weights.table().weightOf(new NodeId(id));
    }

    private Set<String> chosenOver(List<NodeInfo> candidates, int logins) {
        AutoSelector selector = new AutoSelector(weights);
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < logins; i++) {
            selector.select(candidates, REQUEST, 3).forEach(n -> chosen.add(n.nodeId().value()));
        }
        return chosen;
    }

    @Test
    void rampsUpANewNodeFromTheStartCapByAtMostTheStepPerUpdate() {
        Instant boot = NOW;
        int[] seen = new int[6];
        for (int i = 0; i < seen.length; i++) {
            Instant at = boot.plusSeconds(15L * i);
            weights.update(live(young("new", boot, at)), at);
            seen[i] = weightOf("new");
        }

        // Caps 10, 32.5, 55, 77.5, 100, 100: the step (20) is slower than the cap after the first update.
        assertThat(seen).containsExactly(10, 30, 50, 70, 90, 100);
    }

    @Test
    void keepsAWeightThroughSmallChangesAndStepsTowardsLargeOnes() {
        weights.update(live(withConnections("a", 4_000)), NOW);
        weights.update(live(withConnections("a", 4_300)), NOW);
        assertThat(weightOf("a")).isEqualTo(60);

        weights.update(live(withConnections("a", 9_000)), NOW);
        assertThat(weightOf("a")).isEqualTo(40);
        weights.update(live(withConnections("a", 9_000)), NOW);
        assertThat(weightOf("a")).isEqualTo(20);
        weights.update(live(withConnections("a", 9_000)), NOW);
        assertThat(weightOf("a")).isEqualTo(10);
    }

    @Test
    void dropsAFullOrDrainingNodeToZeroAtOnceAndNeverChoosesIt() {
        NodeInfo draining = AutoWeightRulesTest.report("d", NodeState.DRAINING, 0, 0, 0, 0, Duration.ZERO, Duration.ofHours(1));
        weights.update(live(withConnections("a", 0), withConnections("full", 0), withConnections("d", 0)), NOW);
        assertThat(weightOf("full")).isEqualTo(100);

        weights.update(live(withConnections("a", 0), withConnections("full", 10_000), draining), NOW);

        assertThat(weightOf("full")).isZero();
        assertThat(weightOf("d")).isZero();
        // Whatever the registry hands over as candidates, neither is chosen, not even as a fallback.
        assertThat(chosenOver(List.of(withConnections("a", 0), withConnections("full", 10_000), draining), 50))
                .containsExactly("a");
    }

    @Test
    void forgetsANodeThatStopsReportingWhenMostOthersStillDo() {
        weights.update(live(withConnections("a", 0), withConnections("b", 0), withConnections("c", 0),
                withConnections("d", 0)), NOW);

        weights.update(live(withConnections("a", 0), withConnections("b", 0)), NOW.plusSeconds(2));

        assertThat(weights.table().entries().keySet()).extracting(NodeId::value).containsExactlyInAnyOrder("a", "b");
        assertThat(weights.table().holdStartedAt()).isNull();
        assertThat(chosenOver(List.of(withConnections("a", 0), withConnections("b", 0)), 10)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void holdsTheWeightsOfNodesThatVanishAllAtOnceAndKeepsChoosingThem() {
        weights.update(live(withConnections("a", 1_000), withConnections("b", 2_000), withConnections("c", 3_000),
                withConnections("d", 4_000)), NOW);

        // Three of four gone in one update: a registry outage rather than a fleet outage.
        weights.update(live(withConnections("a", 1_000)), NOW.plusSeconds(2));

        assertThat(weights.table().holdStartedAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(weights.table().entries().values()).extracting(AutoWeights.Entry::weight)
                .containsExactlyInAnyOrder(90, 80, 70, 60);
        assertThat(weights.table().entries().get(new NodeId("b")).held()).isTrue();
        assertThat(meters.counter("pushfleet.routing.auto.holds").count()).isEqualTo(1.0);
        // The survivor does not get every login: the held nodes keep their share.
        assertThat(weights.pool(List.of(withConnections("a", 1_000)))).extracting(n -> n.nodeId().value())
                .containsExactly("a", "b", "c", "d");
        assertThat(chosenOver(List.of(withConnections("a", 1_000)), 10)).containsExactlyInAnyOrder("a", "b", "c", "d");

        weights.update(live(withConnections("a", 1_000), withConnections("b", 2_000), withConnections("c", 3_000),
                withConnections("d", 4_000)), NOW.plusSeconds(6));

        assertThat(weights.table().holdStartedAt()).isNull();
        assertThat(weights.table().entries().values()).noneMatch(AutoWeights.Entry::held);
        assertThat(weights.table().entries().values()).extracting(AutoWeights.Entry::weight)
                .containsExactlyInAnyOrder(90, 80, 70, 60);
    }

    @Test
    void dropsTheHeldNodesWhenTheHoldTimesOut() {
        weights.update(live(withConnections("a", 0), withConnections("b", 0), withConnections("c", 0)), NOW);
        weights.update(live(withConnections("a", 0)), NOW.plusSeconds(2));
        weights.update(live(withConnections("a", 0)), NOW.plusSeconds(2).plus(HOLD).minusMillis(1));
        assertThat(weights.table().entries()).hasSize(3);

        weights.update(live(withConnections("a", 0)), NOW.plusSeconds(2).plus(HOLD));

        assertThat(weights.table().entries().keySet()).extracting(NodeId::value).containsExactly("a");
        assertThat(weights.table().holdStartedAt()).isNull();
        assertThat(chosenOver(List.of(withConnections("a", 0)), 5)).containsExactly("a");
    }

    @Test
    void admitsANodeThatJoinedSinceTheLastUpdateWithItsTargetWeight() {
        weights.update(live(withConnections("a", 0)), NOW);

        List<NodeInfo> pool = weights.pool(List.of(withConnections("a", 0), withConnections("b", 5_000)));

        assertThat(pool).extracting(n -> n.nodeId().value()).containsExactly("a", "b");
        assertThat(weightOf("b")).isEqualTo(50);
    }
}
