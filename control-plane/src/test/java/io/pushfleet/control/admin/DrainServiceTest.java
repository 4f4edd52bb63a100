package io.pushfleet.control.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.registry.InMemoryRegistryRepository;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN 3.10: drain and undrain of a node, over in-memory fakes of the registry and the drain store. */
class DrainServiceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final InMemoryRegistryRepository registry = new InMemoryRegistryRepository();
    private final InMemoryNodeDrainRepository drains = new InMemoryNodeDrainRepository(registry);
    private final DrainService service = new DrainService(
            new RegistryService(registry, Duration.ofSeconds(15), Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry()),
            drains, Clock.fixed(NOW, ZoneOffset.UTC));

    private void report(NodeInfo info, Instant at) {
        registry.report(info.nodeId(), at, info.toJson());
    }

    @Test
    void drainMarksTheNodeFirstThenCommandsIt() {
        report(up("edge-a", NOW), NOW);

        DrainResponse r = service.drain("edge-a");

        assertThat(r).isEqualTo(new DrainResponse("edge-a", true, NOW, "UP", false));
        assertThat(drains.marks).containsEntry(new NodeId("edge-a"), NOW);
        assertThat(drains.commands).containsExactly("edge-a:drain");
    }

    @Test
    void aRepeatedDrainKeepsTheFirstTimeAndSendsTheCommandAgain() {
        report(up("edge-a", NOW), NOW);
        drains.mark(new NodeId("edge-a"), NOW.minusSeconds(30));

        DrainResponse r = service.drain("edge-a");

        assertThat(r.drainedSince()).isEqualTo(NOW.minusSeconds(30));
        assertThat(drains.commands).containsExactly("edge-a:drain");
    }

    @Test
    void refusesToDrainANodeThatIsUnknownNotReportingOrUnnameable() {
        report(up("edge-stale", NOW), NOW.minusSeconds(60));

        for (String id : new String[] {"edge-nobody", "edge-stale", "bad:id"}) {
            assertThatThrownBy(() -> service.drain(id)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_NODE));
        }
        assertThat(drains.marks).isEmpty();
        assertThat(drains.commands).isEmpty();
    }

    @Test
    void undrainRemovesTheMarkThenCommandsTheNodeAndIsIdempotent() {
        report(node("edge-a", NodeState.DRAINING, 0, NOW), NOW);
        drains.mark(new NodeId("edge-a"), NOW);

        DrainResponse first = service.undrain("edge-a");
        DrainResponse second = service.undrain("edge-a");

        assertThat(first).isEqualTo(new DrainResponse("edge-a", false, null, "DRAINING", false));
        assertThat(second).isEqualTo(first);
        assertThat(drains.marks).isEmpty();
        assertThat(drains.commands).containsExactly("edge-a:undrain", "edge-a:undrain");
    }

    @Test
    void undrainClearsTheMarkOfANodeThatStoppedReportingButRefusesANodeNobodyKnows() {
        drains.mark(new NodeId("edge-gone"), NOW);

        assertThat(service.undrain("edge-gone")).isEqualTo(new DrainResponse("edge-gone", false, null, null, false));
        assertThatThrownBy(() -> service.undrain("edge-gone")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_NODE));
    }
}
