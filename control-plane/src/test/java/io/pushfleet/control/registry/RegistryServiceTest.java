package io.pushfleet.control.registry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.model.id.NodeId;
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
import static org.assertj.core.api.Assertions.tuple;

class RegistryServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(15);

    private final InMemoryRegistryRepository repository = new InMemoryRegistryRepository();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RegistryService registry =
            new RegistryService(repository, TTL, Clock.fixed(NOW, ZoneOffset.UTC), meters);

    private void report(NodeInfo info, Instant at) {
        repository.report(info.nodeId(), at, info.toJson());
    }

    @Test
    void selectsOnlyNodesWithAFreshReportAnInfoKeyAndStateUp() {
        report(up("fresh", NOW), NOW.minusSeconds(1));
        report(up("stale", NOW), NOW.minus(TTL));
        report(node("draining", NodeState.DRAINING, 0, NOW), NOW);
        repository.report(new NodeId("expired-info"), NOW, null);

        assertThat(registry.selectableNodes()).extracting(n -> n.nodeId().value()).containsExactly("fresh");
    }

    // DESIGN 3.10: the operator's mark counts at once, before the node reports DRAINING itself.
    @Test
    void neverSelectsANodeAnOperatorDrainedWhileItStillReportsUp() {
        report(up("kept", NOW), NOW);
        report(up("drained", NOW), NOW);
        repository.drained(new NodeId("drained"), NOW.minusSeconds(1));

        assertThat(registry.selectableNodes()).extracting(n -> n.nodeId().value()).containsExactly("kept");
        assertThat(registry.nodes()).extracting(s -> s.nodeId().value(), NodeStatus::live, NodeStatus::drainedSince)
                .containsExactly(
                        tuple("drained", true, java.util.Optional.of(NOW.minusSeconds(1))),
                        tuple("kept", true, java.util.Optional.empty()));
    }

    @Test
    void doesNotFetchInfoOfStaleNodesWhenSelecting() {
        report(up("fresh", NOW), NOW);
        report(up("stale-1", NOW), NOW.minusSeconds(60));
        report(up("stale-2", NOW), NOW.minusSeconds(61));

        registry.selectableNodes();

        assertThat(repository.infoReads()).isEqualTo(1);
    }

    @Test
    void listsEveryNodeWithLivenessInNodeIdOrder() {
        report(up("b-fresh", NOW), NOW);
        report(up("a-stale", NOW), NOW.minusSeconds(20));
        report(node("c-draining", NodeState.DRAINING, 0, NOW), NOW);

        assertThat(registry.nodes())
                .extracting(s -> s.nodeId().value(), NodeStatus::live, NodeStatus::selectable)
                .containsExactly(
                        tuple("a-stale", false, false),
                        tuple("b-fresh", true, true),
                        tuple("c-draining", true, false));
    }

    @Test
    void treatsUnreadableOrMisfiledInfoAsMissingAndCountsIt() {
        repository.report(new NodeId("garbage"), NOW, "{not json");
        repository.report(new NodeId("misfiled"), NOW, up("someone-else", NOW).toJson());

        assertThat(registry.nodes()).allSatisfy(status -> {
            assertThat(status.info()).isEmpty();
            assertThat(status.live()).isFalse();
        });
        assertThat(meters.counter("pushfleet.registry.bad.reports").count()).isEqualTo(2.0);
    }

    @Test
    void loadsCountReportedConnectionsOfLiveNodesOnlyAndTheDriftAgainstRoutes() {
        report(node("live", NodeState.UP, 7, NOW), NOW);
        report(node("dead", NodeState.UP, 5, NOW), NOW.minusSeconds(60));
        repository.connections(new NodeId("live"), 6).connections(new NodeId("dead"), 4);

        assertThat(registry.loads())
                .extracting(l -> l.status().nodeId().value(), NodeLoad::connections, NodeLoad::routes, NodeLoad::drift)
                .containsExactly(
                        tuple("dead", 0L, 4L, -4L),
                        tuple("live", 7L, 6L, 1L));
    }
}
