package io.pushfleet.control.push;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pushfleet.control.push.DeliveryState.ACKED;
import static io.pushfleet.control.push.DeliveryState.DELIVERED;
import static io.pushfleet.control.push.DeliveryState.EXPIRED;
import static io.pushfleet.control.push.DeliveryState.ROUTED;
import static io.pushfleet.control.push.DeliveryState.STORED;
import static io.pushfleet.control.push.DeliveryState.WRITTEN;
import static org.assertj.core.api.Assertions.assertThat;

class FleetEventHandlerTest {

    private static final NodeId A = new NodeId("edge-a");
    private static final NodeId B = new NodeId("edge-b");
    private static final String OWNER = "cp-1-test";
    private static final UserId U1 = new UserId(1);
    private static final UserId U2 = new UserId(2);
    private static final UserId U3 = new UserId(3);

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryPushStore store = new InMemoryPushStore();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final PushMetrics metrics = new PushMetrics(new SimpleMeterRegistry());
    /** The route table as the handler's lookups see it: user -> routes. */
    private final Map<UserId, List<RouteValue>> routeTable = new HashMap<>();
    private final List<List<UserId>> lookups = new ArrayList<>();
    private final RouteLookup routes = users -> {
        lookups.add(List.copyOf(users));
        Map<UserId, List<RouteValue>> found = new HashMap<>();
        users.stream().filter(routeTable::containsKey).forEach(u -> found.put(u, routeTable.get(u)));
        return found;
    };
    private final FleetEventHandler handler = new FleetEventHandler(store, store, store, store, publisher,
            new OfflineExpiry(store, store, store, metrics, clock), routes, metrics, clock, Duration.ofDays(7), 1000);

    @Test
    void appliesADeliveredReportOnceEvenWhenItArrivesTwice() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1, U2), List.of(U3));
        FleetEvent delivered = new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(U1), List.of(U2));

        handler.handle(delivered);
        DeliveryCounts first = store.counts(task.id());
        int offlineAfterFirst = store.offlineCount();
        handler.handle(delivered);

        assertThat(store.state(task.id(), 1)).isEqualTo(WRITTEN);
        assertThat(store.state(task.id(), 2)).isEqualTo(STORED);
        assertThat(store.offlineState(2, task.msgId())).isEqualTo(STORED);
        assertThat(store.counts(task.id())).usingRecursiveComparison().isEqualTo(first);
        assertThat(store.offlineCount()).isEqualTo(offlineAfterFirst).isEqualTo(2);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.DONE);
    }

    @Test
    void keepsAnAckThatOvertookTheDeliveredReportAndAppliesAcksOnce() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1, U2), List.of());
        FleetEvent ack = new FleetEvent.Acked(A, List.of(new FleetEvent.UserMessage(U1, task.msgId())));

        handler.handle(ack);
        handler.handle(ack);
        handler.handle(new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(U1, U2), List.of()));

        assertThat(store.state(task.id(), 1)).isEqualTo(ACKED);
        assertThat(store.state(task.id(), 2)).isEqualTo(WRITTEN);
        assertThat(store.counts(task.id()).get(ACKED)).isEqualTo(1);
    }

    @Test
    void leavesATaskNotDoneWhileATargetIsStillRouted() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1, U2), List.of());

        handler.handle(new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(U1), List.of()));

        assertThat(store.state(task.id(), 2)).isEqualTo(ROUTED);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.ROUTED);
    }

    @Test
    void replaysStoredMessagesInIdOrderToTheNodeTheUserConnectedToAndExpiresTheOldOnes() {
        PushTask shortLived = routed(2000, Duration.ofMinutes(1), List.of(), List.of(U3));
        PushTask longLived = routed(2001, Duration.ofDays(1), List.of(), List.of(U3));
        handler.handle(new FleetEvent.Undeliverable(A, new MessageId(1999), U1, List.of(U3), new RawJson("\"chat\""), "t"));
        clock.advance(Duration.ofMinutes(2));

        handler.handle(new FleetEvent.Connected(B, U3, new DeviceId("phone"), 7));

        List<StreamCommand> sent = publisher.all();
        assertThat(sent).extracting(StreamCommand::stream).containsOnly(RedisKeys.nodeStream(B));
        assertThat(sent).extracting(c -> c.command().msgId().value()).containsExactly(1999L, 2001L);
        assertThat(sent.get(0).command().from()).isEqualTo(U1);
        assertThat(sent.get(0).command().taskId()).isZero();
        assertThat(sent.get(1).command().body()).isEqualTo(longLived.body());
        assertThat(sent).allSatisfy(c -> {
            assertThat(c.command().targets()).containsExactly(U3);
            assertThat(c.command().report()).isTrue();
        });
        assertThat(store.offlineState(3, shortLived.msgId())).isEqualTo(EXPIRED);
        assertThat(store.state(shortLived.id(), 3)).isEqualTo(EXPIRED);
        assertThat(store.state(longLived.id(), 3)).isEqualTo(STORED);
    }

    @Test
    void marksAReplayedPushAndAReplayedChatMessageDeliveredOnce() {
        PushTask task = routed(2001, Duration.ofDays(1), List.of(), List.of(U3));
        MessageId chat = new MessageId(1999);
        handler.handle(new FleetEvent.Undeliverable(A, chat, U1, List.of(U3), new RawJson("1"), ""));
        FleetEvent replayed = new FleetEvent.Delivered(B, task.msgId(), task.id(), List.of(U3), List.of());
        FleetEvent chatReplayed = new FleetEvent.Delivered(B, chat, 0, List.of(U3), List.of());

        handler.handle(replayed);
        handler.handle(chatReplayed);
        handler.handle(replayed);
        handler.handle(chatReplayed);

        assertThat(store.state(task.id(), 3)).isEqualTo(DELIVERED);
        assertThat(store.offlineState(3, task.msgId())).isEqualTo(DELIVERED);
        assertThat(store.offlineState(3, chat)).isEqualTo(DELIVERED);
        handler.handle(new FleetEvent.Connected(B, U3, new DeviceId("phone"), 8));
        assertThat(publisher.all()).isEmpty();
    }

    @Test
    void storesAnUndeliverableChatMessageOncePerUser() {
        FleetEvent event = new FleetEvent.Undeliverable(A, new MessageId(1999), U1, List.of(U2, U3), new RawJson("1"), "");

        handler.handle(event);
        handler.handle(event);

        assertThat(store.offlineCount()).isEqualTo(2);
        assertThat(store.offlineState(2, new MessageId(1999))).isEqualTo(STORED);
    }

    @Test
    void createsBroadcastRowsFromReportsAndKeepsAnAckThatCameFirst() {
        PushTask task = broadcast(3000);
        FleetEvent delivered = new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(U1, U2), List.of(U3));

        handler.handle(new FleetEvent.Acked(B, List.of(new FleetEvent.UserMessage(U3, task.msgId()))));
        handler.handle(delivered);
        handler.handle(delivered);
        handler.handle(new FleetEvent.Delivered(B, task.msgId(), task.id(), List.of(U3), List.of()));

        assertThat(store.state(task.id(), 1)).isEqualTo(WRITTEN);
        assertThat(store.state(task.id(), 2)).isEqualTo(WRITTEN);
        assertThat(store.state(task.id(), 3)).isEqualTo(ACKED);
        assertThat(store.counts(task.id()).sum()).isEqualTo(3);
        assertThat(store.offlineCount()).isZero();
    }

    @Test
    void ignoresAReportForAnUnknownTaskOrAnotherMessageId() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1), List.of());

        assertThat(handler.handle(new FleetEvent.Delivered(A, new MessageId(9999), task.id(), List.of(U1), List.of())))
                .isFalse();
        assertThat(handler.handle(new FleetEvent.Delivered(A, task.msgId(), task.id() + 100, List.of(U1), List.of())))
                .isFalse();

        assertThat(store.state(task.id(), 1)).isEqualTo(ROUTED);
    }

    @Test
    void storesThePushesAndChatADeadNodeNeverReadForTheTargetsItHadNotReached() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1, U2), List.of());
        handler.handle(new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(U1), List.of()));
        PushCommand unread = new PushCommand(task.msgId(), task.id(), task.body(), true, null, List.of(U1, U2), true, "t");
        PushCommand relayedChat = new PushCommand(new MessageId(1999), 0, new RawJson("\"chat\""), false, U3,
                List.of(U2), false, "t");

        assertThat(handler.storeUnread(A, unread)).isEqualTo(1);
        assertThat(handler.storeUnread(A, relayedChat)).isEqualTo(1);
        assertThat(handler.storeUnread(A, unread)).isZero();
        assertThat(handler.storeUnread(A, relayedChat)).isZero();

        assertThat(store.state(task.id(), 1)).isEqualTo(WRITTEN);
        assertThat(store.state(task.id(), 2)).isEqualTo(STORED);
        assertThat(store.offlineState(2, new MessageId(1999))).isEqualTo(STORED);
        assertThat(store.find(task.id()).orElseThrow().state()).isEqualTo(TaskState.DONE);
    }

    @Test
    void replaysStoredMessagesOnDemandToTheNodeNamed() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(), List.of(U3));

        handler.replay(U3, B);

        assertThat(publisher.all()).extracting(StreamCommand::stream).containsExactly(RedisKeys.nodeStream(B));
        assertThat(publisher.all().getFirst().command().msgId()).isEqualTo(task.msgId());
    }

    @Test
    void replaysAPushReportedAbsentAtOnceToAUserWhoReconnectedElsewhereMeanwhile() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1, U2, U3), List.of());
        // U1 left the draining node A for B before the push reached A; U2 is offline; U3 got it.
        routeTable.put(U1, List.of(new RouteValue(B, 7, 1)));
        FleetEvent absent = new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(U3), List.of(U1, U2));

        handler.handle(absent);
        handler.handle(absent);

        assertThat(store.state(task.id(), 1)).isEqualTo(STORED);
        assertThat(publisher.all()).hasSize(1);
        StreamCommand replay = publisher.all().getFirst();
        assertThat(replay.stream()).isEqualTo(RedisKeys.nodeStream(B));
        assertThat(replay.command().msgId()).isEqualTo(task.msgId());
        assertThat(replay.command().targets()).containsExactly(U1);
        assertThat(lookups).as("one lookup, only for the first report, which stored something")
                .containsExactly(List.of(U1, U2));
    }

    @Test
    void replaysToEveryNodeTheUserIsOnIncludingTheOneThatReportedAndNotAgainWhenTheReplayIsAbsentToo() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1), List.of());
        routeTable.put(U1, List.of(new RouteValue(A, 9, 2), new RouteValue(B, 7, 1), new RouteValue(B, 7, 3)));

        handler.handle(new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(), List.of(U1)));
        handler.handle(new FleetEvent.Delivered(A, task.msgId(), task.id(), List.of(), List.of(U1)));
        handler.handle(new FleetEvent.Delivered(B, task.msgId(), task.id(), List.of(), List.of(U1)));

        assertThat(publisher.all()).extracting(StreamCommand::stream)
                .containsExactlyInAnyOrder(RedisKeys.nodeStream(A), RedisKeys.nodeStream(B));
        assertThat(lookups).hasSize(1);
    }

    @Test
    void replaysAnUndeliverableChatMessageToATargetThatIsConnectedNow() {
        routeTable.put(U3, List.of(new RouteValue(B, 7, 1)));
        FleetEvent event = new FleetEvent.Undeliverable(A, new MessageId(1999), U1, List.of(U2, U3), new RawJson("1"), "t");

        handler.handle(event);
        handler.handle(event);

        assertThat(publisher.all()).hasSize(1);
        PushCommand replay = publisher.all().getFirst().command();
        assertThat(replay.targets()).containsExactly(U3);
        assertThat(replay.from()).isEqualTo(U1);
        assertThat(publisher.all().getFirst().stream()).isEqualTo(RedisKeys.nodeStream(B));
        assertThat(store.offlineState(2, new MessageId(1999))).isEqualTo(STORED);
    }

    @Test
    void leavesTheReplayOfWhatADeadNodeNeverReadToTheAuditor() {
        PushTask task = routed(2000, Duration.ofHours(1), List.of(U1), List.of());
        routeTable.put(U1, List.of(new RouteValue(B, 7, 1)));

        handler.storeUnread(A, new PushCommand(task.msgId(), task.id(), task.body(), true, null, List.of(U1), true, "t"));

        assertThat(store.state(task.id(), 1)).isEqualTo(STORED);
        assertThat(publisher.all()).isEmpty();
        assertThat(lookups).isEmpty();
    }

    /** A task routed the way {@link TaskRouter} leaves it: rows for routed users, offline ones stored. */
    private PushTask routed(long msgId, Duration ttl, List<UserId> routedUsers, List<UserId> offlineUsers) {
        List<UserId> all = new java.util.ArrayList<>(routedUsers);
        all.addAll(offlineUsers);
        PushSpec spec = new PushSpec(TargetKind.USERS, TargetList.of(all), null, new RawJson("{\"m\":" + msgId + "}"),
                ttl, true);
        Instant now = clock.instant();
        long id = store.insert(spec, new MessageId(msgId), "trace", now);
        PushTask task = store.claim(id, OWNER, now, now.plusSeconds(60)).orElseThrow();
        store.insertMissing(id, routedUsers, ROUTED, now);
        store.insertMissing(id, offlineUsers, DeliveryState.OFFLINE, now);
        store.store(task, offlineUsers, now.plus(ttl), now);
        store.finishRouting(id, OWNER, now);
        return store.find(id).orElseThrow();
    }

    private PushTask broadcast(long msgId) {
        PushSpec spec = new PushSpec(TargetKind.ALL, null, null, new RawJson("{}"), Duration.ofHours(1), false);
        Instant now = clock.instant();
        long id = store.insert(spec, new MessageId(msgId), "trace", now);
        store.claim(id, OWNER, now, now.plusSeconds(60));
        store.finishRouting(id, OWNER, now);
        store.markDoneIfSettled(id, now);
        return store.find(id).orElseThrow();
    }
}
