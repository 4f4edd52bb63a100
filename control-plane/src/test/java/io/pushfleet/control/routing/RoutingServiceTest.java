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

import static io.pushfleet.control.support.TestNodes.node;
import static io.pushfleet.control.support.TestNodes.up;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final UserId USER = new UserId(42);
    private static final DeviceId DEVICE = new DeviceId("phone");

    private final InMemoryRegistryRepository repository = new InMemoryRegistryRepository();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RoutingService routing = new RoutingService(
            new RegistryService(repository, Duration.ofSeconds(15), Clock.fixed(NOW, ZoneOffset.UTC), meters),
            new RoundRobinSelector(), 2, meters);

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
}
