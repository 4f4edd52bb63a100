package io.pushfleet.control.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.push.TestClock;
import io.pushfleet.control.registry.InMemoryRegistryRepository;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.control.support.TestNodes;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RouteAuditorTest {

    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final long OLD_RUN = START.minusSeconds(7200).toEpochMilli();
    private static final long RUN = START.minusSeconds(3600).toEpochMilli();
    private static final NodeId DEAD = new NodeId("edge-dead");
    private static final NodeId LIVE = new NodeId("edge-live");

    private final TestClock clock = new TestClock(START);
    private final InMemoryRegistryRepository registryRepository = new InMemoryRegistryRepository();
    private final RegistryService registry = new RegistryService(registryRepository, GRACE, clock, new SimpleMeterRegistry());
    private final InMemoryRouteTable routes = new InMemoryRouteTable();
    private final InMemoryNodeSets sets = new InMemoryNodeSets(routes);
    private final InMemoryCommandStreams streams = new InMemoryCommandStreams();
    private final RecordingUnreadCommands unread = new RecordingUnreadCommands();
    private final InMemoryAuditReports reports = new InMemoryAuditReports();
    private final AtomicReference<String> leaseHolder = new AtomicReference<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RouteAuditor auditor = auditor("cp-1", new InMemoryLeaseLock(leaseHolder, "cp-1"), meters);

    private RouteAuditor auditor(String name, LeaseLock lock, SimpleMeterRegistry registry) {
        // Pages of two members and two entries, so that paging is exercised.
        return new RouteAuditor(new RouteAuditor.Ports(this.registry, sets, streams, unread, routes, lock, reports),
                new AuditMetrics(registry), clock, GRACE, Duration.ofSeconds(5), 2, 100, name);
    }

    private NodeConnection connect(NodeId node, long bootEpoch, long user, long connId) {
        NodeConnection c = new NodeConnection(new UserId(user), new DeviceId("phone"), bootEpoch, connId);
        sets.add(node, c);
        routes.put(c.userId(), c.deviceId(), c.routeOn(node));
        return c;
    }

    private void report(NodeId node, long bootEpoch, long connections) {
        registryRepository.report(node, clock.instant(),
                TestNodes.run(node.value(), bootEpoch, NodeState.UP, connections, clock.instant()).toJson());
    }

    private static Map<String, String> push(long msgId, long taskId, boolean report, long from, long... targets) {
        List<UserId> users = java.util.Arrays.stream(targets).mapToObj(UserId::new).toList();
        return new PushCommand(new MessageId(msgId), taskId, new RawJson("\"hi\""), false,
                from == 0 ? null : new UserId(from), users, report, "trace-1").toFields();
    }

    private AuditReport.NodeAudit node(AuditReport report, NodeId node) {
        return report.nodes().stream().filter(n -> n.nodeId().equals(node.value())).findFirst().orElseThrow();
    }

    private double repairs(Repair repair) {
        return meters.get("pushfleet.audit.repairs").tag("kind", repair.tag()).counter().count();
    }

    @Test
    void removesTheRoutesOfACrashedNodeButNotARouteTheDeviceMadeAgainElsewhere() {
        NodeConnection gone = connect(DEAD, RUN, 1, 1);
        NodeConnection moved = connect(DEAD, RUN, 2, 2);
        report(LIVE, RUN, 1);
        NodeConnection remade = connect(LIVE, RUN, 2, 7);

        AuditReport report = auditor.runPass().orElseThrow();

        assertThat(routes.get(gone.userId(), gone.deviceId())).isNull();
        assertThat(routes.get(moved.userId(), moved.deviceId())).isEqualTo(remade.routeOn(LIVE).format());
        assertThat(sets.members(DEAD)).isEmpty();
        assertThat(node(report, DEAD)).extracting(n -> n.members(), n -> n.routes(), n -> n.drift()).containsExactly(0L, 0L, 0L);
        assertThat(node(report, LIVE)).extracting(n -> n.connections(), n -> n.routes(), n -> n.drift()).containsExactly(1L, 1L, 0L);
        assertThat(report.nodes()).extracting(AuditReport.NodeAudit::stale).containsOnly(0L);
        assertThat(repairs(Repair.DEAD_MEMBER)).isEqualTo(2);
        assertThat(repairs(Repair.DEAD_ROUTE)).isEqualTo(1);
    }

    @Test
    void forgetsADeadNodeOnThePassAfterItsLastCleanUp() {
        connect(DEAD, RUN, 1, 1);
        streams.add(DEAD, RUN + 1000, push(11, 5, true, 0, 1));

        auditor.runPass();
        assertThat(sets.forgotten()).isEmpty();
        AuditReport second = auditor.runPass().orElseThrow();

        assertThat(sets.forgotten()).containsExactly(DEAD);
        assertThat(streams.exists(DEAD)).isFalse();
        assertThat(sets.knownNodes()).doesNotContain(DEAD);
        assertThat(second.nodes()).extracting(AuditReport.NodeAudit::nodeId).doesNotContain(DEAD.value());
    }

    @Test
    void removesOnlyTheEarlierRunOfARestartedNodeAndItsUnreadEntries() {
        long restart = START.minusSeconds(60).toEpochMilli();
        NodeConnection earlier = connect(LIVE, RUN, 1, 1);
        NodeConnection current = connect(LIVE, restart, 2, 1);
        report(LIVE, restart, 1);
        streams.add(LIVE, restart - 5000, push(11, 5, true, 0, 1));
        String readByTheNewRun = streams.add(LIVE, restart + 5000, push(12, 6, true, 0, 2));

        AuditReport report = auditor.runPass().orElseThrow();

        assertThat(sets.members(LIVE)).containsExactly(current.format());
        assertThat(routes.get(earlier.userId(), earlier.deviceId())).isNull();
        assertThat(unread.commands()).extracting(PushCommand::taskId).containsExactly(5L);
        assertThat(streams.ids(LIVE)).containsExactly(readByTheNewRun);
        assertThat(node(report, LIVE)).extracting(n -> n.members(), n -> n.routes(), n -> n.drift()).containsExactly(1L, 1L, 0L);
        assertThat(sets.forgotten()).isEmpty();
    }

    @Test
    void leavesARunThatHasNotReportedYetAloneUntilTheGraceIsOver() {
        NodeConnection young = connect(DEAD, START.minusSeconds(2).toEpochMilli(), 1, 1);

        AuditReport report = auditor.runPass().orElseThrow();
        assertThat(sets.members(DEAD)).containsExactly(young.format());
        assertThat(node(report, DEAD).routes()).isEqualTo(1);

        clock.advance(GRACE);
        auditor.runPass();
        assertThat(sets.members(DEAD)).isEmpty();
        assertThat(routes.get(young.userId(), young.deviceId())).isNull();
    }

    @Test
    void removesAStaleMemberOnlyWhenTheNextPassFindsItStaleToo() {
        report(LIVE, RUN, 2);
        NodeConnection replaced = connect(LIVE, RUN, 1, 1);
        routes.put(replaced.userId(), replaced.deviceId(), new NodeConnection(replaced.userId(), replaced.deviceId(), RUN, 9)
                .routeOn(new NodeId("edge-other")));
        // An edge adds the member just before it writes the route: the first pass may land in between.
        NodeConnection registering = new NodeConnection(new UserId(2), new DeviceId("phone"), RUN, 2);
        sets.add(LIVE, registering);

        AuditReport first = auditor.runPass().orElseThrow();
        assertThat(node(first, LIVE)).extracting(n -> n.members(), n -> n.routes(), n -> n.stale(), n -> n.drift())
                .containsExactly(2L, 0L, 2L, 2L);
        routes.put(registering.userId(), registering.deviceId(), registering.routeOn(LIVE));
        report(LIVE, RUN, 1);

        auditor.runPass();
        AuditReport third = auditor.runPass().orElseThrow();

        assertThat(sets.members(LIVE)).containsExactly(registering.format());
        assertThat(node(third, LIVE)).extracting(n -> n.members(), n -> n.routes(), n -> n.stale(), n -> n.drift())
                .containsExactly(1L, 1L, 0L, 0L);
        assertThat(repairs(Repair.STALE_MEMBER)).isEqualTo(1);
    }

    @Test
    void reportsDriftBetweenReportedConnectionsAndRoutesAndExportsItPerNode() {
        report(LIVE, RUN, 3);
        connect(LIVE, RUN, 1, 1);
        connect(LIVE, RUN, 2, 2);
        sets.add(LIVE, "not-a-member");

        AuditReport report = auditor.runPass().orElseThrow();

        assertThat(node(report, LIVE)).extracting(n -> n.connections(), n -> n.routes(), n -> n.drift())
                .containsExactly(3L, 2L, 1L);
        assertThat(reports.latest()).contains(report);
        assertThat(meters.get("pushfleet.audit.node.drift").tag("node", LIVE.value()).gauge().value()).isEqualTo(1);
        assertThat(meters.get("pushfleet.audit.node.routes").tag("node", LIVE.value()).gauge().value()).isEqualTo(2);
        assertThat(sets.members(LIVE)).doesNotContain("not-a-member");
        assertThat(repairs(Repair.MALFORMED_MEMBER)).isEqualTo(1);
    }

    @Test
    void storesPushesStrandedOnADeadNodeAndReplaysToUsersAlreadyBackElsewhere() {
        report(LIVE, RUN, 1);
        connect(LIVE, RUN, 1, 4);
        long crash = START.minusSeconds(20).toEpochMilli();
        streams.add(DEAD, crash, push(11, 5, true, 0, 1, 2));
        streams.add(DEAD, crash, Map.of(NodeCommands.TYPE, NodeCommands.KICK, NodeCommands.USER, "1"));
        streams.add(DEAD, crash + 1, push(12, 0, false, 9, 3));
        String tooYoung = streams.add(DEAD, START.minusSeconds(2).toEpochMilli(), push(13, 6, true, 0, 4));
        sets.add(DEAD, new NodeConnection(new UserId(8), new DeviceId("phone"), RUN, 1));

        auditor.runPass();

        assertThat(unread.commands()).extracting(c -> c.msgId().value()).containsExactly(11L, 12L);
        assertThat(unread.replays()).containsExactly(new RecordingUnreadCommands.Replay(new UserId(1), LIVE));
        assertThat(streams.ids(DEAD)).containsExactly(tooYoung);
        assertThat(repairs(Repair.STORED_TARGET)).isEqualTo(3);

        clock.advance(GRACE);
        auditor.runPass();
        auditor.runPass();
        assertThat(unread.commands()).extracting(c -> c.msgId().value()).containsExactly(11L, 12L, 13L);
        assertThat(sets.forgotten()).containsExactly(DEAD);
    }

    @Test
    void onlyTheHolderOfTheLeaseAuditsAndAnotherTakesOverWhenItIsReleased() {
        RouteAuditor other = auditor("cp-2", new InMemoryLeaseLock(leaseHolder, "cp-2"), new SimpleMeterRegistry());
        report(LIVE, RUN, 0);

        assertThat(auditor.runPass()).isPresent();
        assertThat(other.runPass()).isEmpty();
        auditor.stop();

        assertThat(other.runPass()).map(AuditReport::auditor).contains("cp-2");
        assertThat(auditor.runPass()).isEmpty();
    }

    @Test
    void stopsThePassWithoutAReportWhenTheLeaseIsLostMidway() {
        int[] holds = {0};
        LeaseLock losing = new LeaseLock() {
            @Override
            public boolean hold() {
                return holds[0]++ == 0;
            }

            @Override
            public void release() {
            }
        };
        report(LIVE, RUN, 2);
        connect(LIVE, RUN, 1, 1);

        assertThat(auditor("cp-3", losing, new SimpleMeterRegistry()).runPass()).isEmpty();
        assertThat(reports.latest()).isEmpty();
    }
}
