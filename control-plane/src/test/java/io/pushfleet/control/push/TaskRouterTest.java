package io.pushfleet.control.push;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskRouterTest {

    private static final NodeId A = new NodeId("edge-a");
    private static final NodeId B = new NodeId("edge-b");
    private static final String OWNER = "cp-1-test";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryPushStore store = new InMemoryPushStore();
    private long lastMsgId = 1000;
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final InMemoryGroupDirectory groups = new InMemoryGroupDirectory();
    private final Map<UserId, List<RouteValue>> routeTable = new HashMap<>();
    private final List<Integer> lookupSizes = new ArrayList<>();
    /** Runs after each lookup: a user may connect between two. */
    private Runnable afterLookup = () -> { };
    private final RouteLookup routes = users -> {
        lookupSizes.add(users.size());
        Map<UserId, List<RouteValue>> found = new HashMap<>();
        users.forEach(u -> found.put(u, routeTable.getOrDefault(u, List.of())));
        afterLookup.run();
        return found;
    };
    private final List<String> replays = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TaskRouter router = new TaskRouter(store, store, store, routes, publisher,
            new ConnectedReplay(routes, (user, node) -> replays.add(user.value() + "@" + node.value())), groups,
            new PushMetrics(meters), Clock.fixed(NOW, ZoneOffset.UTC), 1000, Duration.ofSeconds(60));

    @Test
    void sendsOneEntryPerNodePerChunkOfAThousandAndStoresTheUsersWithoutRoute() {
        // 2,500 users: odd ids on edge-a, ids divisible by 4 on edge-b, the rest (2 mod 4) offline.
        long[] ids = LongStream.rangeClosed(1, 2500).toArray();
        for (long id : ids) {
            if (id % 2 == 1) {
                routeTable.put(new UserId(id), List.of(route(A, id)));
            } else if (id % 4 == 0) {
                routeTable.put(new UserId(id), List.of(route(B, id)));
            }
        }
        PushTask task = claimed(usersSpec(ids));

        assertThat(router.route(task, OWNER, () -> false)).isTrue();

        // Each chunk's stored users are looked up once more after the commit (none has connected since).
        assertThat(lookupSizes).containsExactly(1000, 250, 1000, 250, 500, 125);
        assertThat(replays).isEmpty();
        assertThat(targetsEntered("routed")).isEqualTo(1875);
        assertThat(targetsEntered("offline")).isEqualTo(625);
        assertThat(targetsEntered("stored")).isEqualTo(625);
        assertThat(publisher.calls).hasSize(3).allSatisfy(call -> assertThat(call).hasSize(2));
        List<StreamCommand> all = publisher.all();
        assertThat(all).allSatisfy(c -> {
            assertThat(c.command().targets()).hasSizeLessThanOrEqualTo(PushCommand.MAX_TARGETS_PER_ENTRY);
            assertThat(c.command().msgId()).isEqualTo(task.msgId());
            assertThat(c.command().taskId()).isEqualTo(task.id());
            assertThat(c.command().report()).isTrue();
            assertThat(c.command().from()).isNull();
        });
        assertThat(targetsOn(all, A)).hasSize(1250).allMatch(u -> u.value() % 2 == 1).doesNotHaveDuplicates();
        assertThat(targetsOn(all, B)).hasSize(625).allMatch(u -> u.value() % 4 == 0).doesNotHaveDuplicates();
        DeliveryCounts counts = store.counts(task.id());
        assertThat(counts.get(DeliveryState.ROUTED)).isEqualTo(1875);
        assertThat(counts.get(DeliveryState.STORED)).isEqualTo(625);
        assertThat(counts.get(DeliveryState.OFFLINE)).isZero();
        assertThat(store.offlineCount()).isEqualTo(625);
        assertThat(store.advances(task.id())).containsExactly(0, 1000, 2000);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.ROUTED);
    }

    @Test
    void marksATaskWhoseTargetsAreAllOfflineDoneAtOnce() {
        PushTask task = claimed(usersSpec(1, 2, 3));

        router.route(task, OWNER, () -> false);

        assertThat(publisher.calls).isEmpty();
        assertThat(store.counts(task.id()).get(DeliveryState.STORED)).isEqualTo(3);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.DONE);
    }

    @Test
    void replaysAtOnceToAUserWhoConnectedBetweenTheLookupAndTheStore() {
        routeTable.put(new UserId(1), List.of(route(A, 1)));
        // User 2 has no route at the lookup and connects to edge-b right after it, before the rows are stored:
        // the replay its connected event triggered found nothing stored.
        afterLookup = () -> routeTable.put(new UserId(2), List.of(route(B, 2)));
        PushTask task = claimed(usersSpec(1, 2, 3));

        router.route(task, OWNER, () -> false);

        assertThat(store.counts(task.id()).get(DeliveryState.STORED)).isEqualTo(2);
        assertThat(lookupSizes).containsExactly(3, 2);
        assertThat(replays).containsExactly("2@edge-b");
    }

    @Test
    void resumesAfterACrashFromTheCursorAndNeverSendsAnEarlierChunkAgain() {
        long[] ids = LongStream.rangeClosed(1, 2500).toArray();
        for (long id : ids) {
            routeTable.put(new UserId(id), List.of(route(A, id)));
        }
        PushTask task = claimed(usersSpec(ids));
        publisher.failingCall = 2; // the first chunk is sent, the second fails: the process "dies" there

        assertThatThrownBy(() -> router.route(task, OWNER, () -> false)).isInstanceOf(IllegalStateException.class);
        publisher.failingCall = 0;
        publisher.calls.clear();
        Instant later = NOW.plusSeconds(120);
        PushTask resumed = store.claim(task.id(), "cp-2-other", later, later.plusSeconds(60)).orElseThrow();
        router.route(resumed, "cp-2-other", () -> false);

        assertThat(resumed.cursor()).isEqualTo(1000);
        Set<UserId> sent = new HashSet<>(targetsOn(publisher.all(), A));
        assertThat(sent).hasSize(1500).noneMatch(u -> u.value() <= 1000);
        assertThat(store.counts(task.id()).get(DeliveryState.ROUTED)).isEqualTo(2500);
    }

    @Test
    void stopsAtAChunkBoundaryWhenAskedAndHandsTheTaskBack() {
        PushTask task = claimed(usersSpec(LongStream.rangeClosed(1, 2500).toArray()));
        int[] checks = {0};

        boolean finished = router.route(task, OWNER, () -> ++checks[0] > 1);

        assertThat(finished).isFalse();
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.ACCEPTED);
        assertThat(store.find(task.id()).orElseThrow().cursor()).isEqualTo(1000);
        assertThat(store.counts(task.id()).sum()).isEqualTo(1000);
    }

    @Test
    void failsWithLeaseLostWhenAnotherControlPlaneTookTheTask() {
        PushTask task = claimed(usersSpec(1, 2));
        Instant later = NOW.plusSeconds(120);
        store.claim(task.id(), "cp-2-other", later, later.plusSeconds(60)).orElseThrow();

        assertThatThrownBy(() -> router.route(task, OWNER, () -> false)).isInstanceOf(LeaseLostException.class);
        assertThat(store.counts(task.id()).sum()).isZero();
    }

    @Test
    void snapshotsTheGroupMembersOnceAndRoutesThem() {
        GroupId group = new GroupId(44);
        groups.put(group, List.of(new UserId(3), new UserId(1), new UserId(3)));
        routeTable.put(new UserId(3), List.of(route(B, 3)));
        PushTask task = claimed(new PushSpec(TargetKind.GROUP, null, group, new RawJson("{}"), Duration.ofHours(1), false));

        router.route(task, OWNER, () -> false);
        groups.put(group, List.of(new UserId(99)));

        assertThat(store.targets(task.id()).orElseThrow().slice(0, 2)).containsExactly(new UserId(1), new UserId(3));
        assertThat(targetsOn(publisher.all(), B)).containsExactly(new UserId(3));
        assertThat(store.find(task.id()).orElseThrow().targetCount()).isEqualTo(2);
    }

    @Test
    void sendsABroadcastAsOneEntryWithoutTargetsAndIsDoneAtOnce() {
        PushTask task = claimed(new PushSpec(TargetKind.ALL, null, null, new RawJson("\"hi\""), Duration.ofHours(1), true));

        router.route(task, OWNER, () -> false);

        assertThat(publisher.all()).singleElement().satisfies(c -> {
            assertThat(c.stream()).isEqualTo(RedisKeys.BROADCAST_STREAM);
            assertThat(c.command().broadcast()).isTrue();
            assertThat(c.command().needsAck()).isTrue();
        });
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.DONE);
    }

    private PushTask claimed(PushSpec spec) {
        long id = store.insert(spec, new MessageId(++lastMsgId), "trace-1", NOW);
        return store.claim(id, OWNER, NOW, NOW.plusSeconds(60)).orElseThrow();
    }

    private static PushSpec usersSpec(long... ids) {
        return new PushSpec(TargetKind.USERS, TargetList.of(ids, ids.length), null, new RawJson("{\"a\":1}"),
                Duration.ofHours(1), false);
    }

    private static List<UserId> targetsOn(List<StreamCommand> commands, NodeId node) {
        return commands.stream().filter(c -> c.stream().equals(RedisKeys.nodeStream(node)))
                .flatMap(c -> c.command().targets().stream()).toList();
    }

    private static RouteValue route(NodeId node, long connId) {
        return new RouteValue(node, 1_700_000_000_000L, connId);
    }

    private double targetsEntered(String state) {
        return meters.get("pushfleet.push.targets").tag("state", state).counter().count();
    }
}
