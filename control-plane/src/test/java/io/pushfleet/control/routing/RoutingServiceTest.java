package io.pushfleet.control.routing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.registry.InMemoryRegistryRepository;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static io.pushfleet.control.support.TestNodes.node;
import static io.pushfleet.control.support.TestNodes.up;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final UserId USER = new UserId(42);
    private static final DeviceId DEVICE = new DeviceId("phone");

    private final InMemoryRegistryRepository repository = new InMemoryRegistryRepository();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RegistryService registry =
            new RegistryService(repository, Duration.ofSeconds(15), Clock.fixed(NOW, ZoneOffset.UTC), meters);
    private final RoundRobinSelector roundRobin = new RoundRobinSelector();
    private final RoutingService routing = new RoutingService(registry, () -> roundRobin, 2, meters);

    private void report(NodeInfo info, Instant at) {
        repository.report(info.nodeId(), at, info.toJson());
    }

    @Test
    void assignsNothingWhenNoNodeIsSelectable() {
        report(up("stale", NOW), NOW.minusSeconds(30));
        report(node("draining", NodeState.DRAINING, 0, NOW), NOW);

        assertThat(routing.assign(USER, DEVICE)).isEmpty();
    }

    @Test
    void givesAPrimaryAndAtMostTwoDistinctSelectableFallbacks() {
        for (String id : new String[] {"a", "b", "c", "d"}) {
            report(up(id, NOW), NOW);
        }
        report(node("draining", NodeState.DRAINING, 0, NOW), NOW);

        EdgeAssignment assignment = routing.assign(USER, DEVICE).orElseThrow();

        assertThat(assignment.fallbacks()).hasSize(2);
        assertThat(assignment.fallbacks()).extracting(NodeInfo::nodeId)
                .doesNotContain(assignment.primary().nodeId())
                .doesNotContain(new NodeId("draining"))
                .doesNotHaveDuplicates();
    }

    @Test
    void alternatesThePrimaryBetweenTwoNodesAndOffersTheOtherAsFallback() {
        report(up("a", NOW), NOW);
        report(up("b", NOW), NOW);

        EdgeAssignment first = routing.assign(USER, DEVICE).orElseThrow();
        EdgeAssignment second = routing.assign(USER, DEVICE).orElseThrow();

        assertThat(second.primary().nodeId()).isNotEqualTo(first.primary().nodeId());
        assertThat(first.fallbacks()).extracting(NodeInfo::nodeId).containsExactly(second.primary().nodeId());
    }

    @Test
    void countsEachSelectionUnderThePrimaryNode() {
        report(up("a", NOW), NOW);
        report(up("b", NOW), NOW);

        for (int i = 0; i < 4; i++) {
            routing.assign(USER, DEVICE);
        }

        assertThat(meters.find("pushfleet.node.selections").tag("node", "a").counter().count()).isEqualTo(2.0);
        assertThat(meters.find("pushfleet.node.selections").tag("node", "b").counter().count()).isEqualTo(2.0);
    }

    @Test
    void neverHandsOutADrainingFullOrSilentNodeUnderAutoNeitherAsPrimaryNorAsFallback() {
        report(up("a", NOW), NOW);
        report(up("b", NOW), NOW);
        report(node("full", NodeState.UP, 10_000, NOW), NOW);
        report(node("draining", NodeState.DRAINING, 0, NOW), NOW);
        report(up("silent", NOW), NOW.minusSeconds(30));
        AutoWeights weights = AutoWeightsTest.weights(meters);
        weights.update(registry.nodes(), NOW);
        AutoSelector selector = new AutoSelector(weights);
        RoutingService auto = new RoutingService(registry, () -> selector, 2, meters);

        Set<String> handedOut = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            EdgeAssignment assignment = auto.assign(USER, DEVICE).orElseThrow();
            handedOut.add(assignment.primary().nodeId().value());
            assignment.fallbacks().forEach(f -> handedOut.add(f.nodeId().value()));
            assertThat(assignment.fallbacks()).hasSize(1);
        }

        assertThat(handedOut).containsExactlyInAnyOrder("a", "b");
        assertThat(meters.find("pushfleet.node.selections").tag("strategy", "auto").counters()).hasSize(2);
    }

    @Test
    void assignsNothingUnderAutoWhenEveryNodeIsFull() {
        report(node("a", NodeState.UP, 10_000, NOW), NOW);
        report(node("b", NodeState.UP, 12_000, NOW), NOW);
        AutoWeights weights = AutoWeightsTest.weights(meters);

        assertThat(new RoutingService(registry, () -> new AutoSelector(weights), 2, meters).assign(USER, DEVICE)).isEmpty();
    }

    @Test
    void leavesAZeroWeightNodeOutOfTheFallbacksOfTheWeightedStrategy() {
        report(up("a", NOW), NOW);
        report(up("b", NOW), NOW);
        WeightedSelector weighted = new WeightedSelector(() -> id -> id.value().equals("b") ? 0 : 2, SelectionStrategy.WEIGHTED);

        EdgeAssignment assignment = new RoutingService(registry, () -> weighted, 2, meters).assign(USER, DEVICE).orElseThrow();

        assertThat(assignment.primary().nodeId().value()).isEqualTo("a");
        assertThat(assignment.fallbacks()).isEmpty();
    }
}
