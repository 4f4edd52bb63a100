package io.pushfleet.edge.it;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.pushfleet.edge.bootstrap.BoundPorts;
import io.pushfleet.edge.bootstrap.EdgeConfig;
import io.pushfleet.edge.bootstrap.EdgeNode;
import io.pushfleet.edge.testing.TcpTestClient;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import io.pushfleet.edge.testing.UplinkTopic;
import io.pushfleet.edge.testing.WsTestClient;
import io.pushfleet.localstack.LocalStack;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.kafka.UplinkRecord;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Push and chat end to end (DESIGN 3.5 to 3.8): two edge nodes in this JVM, a real redis-server of this class,
 * the local stack's real Kafka, and clients over TCP and WebSocket. The control plane is played by raw Redis
 * commands: XADD of push entries, SADD of group members, reads of the events stream.
 */
class PushChatIT {

    private static final JsonCodec JSON = new JsonCodec(ProtocolLimits.DEFAULTS);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    private static UplinkTopic uplinks;
    private static EdgeNode a;
    private static EdgeNode b;
    private static BoundPorts portsA;
    private static BoundPorts portsB;

    @BeforeAll
    static void start() throws Exception {
        LocalStack stack = LocalStack.forTests().start(LocalStack.Service.KAFKA);
        uplinks = UplinkTopic.open(stack.kafkaBootstrap());
        a = new EdgeNode(config("edge-pc-a", stack.kafkaBootstrap()), Clock.systemUTC());
        b = new EdgeNode(config("edge-pc-b", stack.kafkaBootstrap()), Clock.systemUTC());
        portsA = a.start();
        portsB = b.start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, uplinks}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // Best effort: the next step still has to run.
            }
        }
    }

    private static EdgeConfig config(String nodeId, String kafka) {
        return EdgeConfig.builder()
                .nodeId(new NodeId(nodeId))
                .bindHost("127.0.0.1")
                .wsPort(0).tcpPort(0).adminPort(0)
                .redisUri(REDIS.uri())
                .kafkaBootstrap(kafka)
                .registryInterval(Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
    }

    // (a) DESIGN 3.5: an admin push entry on a node's stream; exactly one push per connected target, one report.
    @Test
    void pushEntryReachesEachConnectedTargetOnceAndIsReportedDelivered() throws Exception {
        try (TcpTestClient u1 = tcp(portsA, 1001, "d"); WsTestClient u2 = ws(portsA, 1002, "web")) {
            PushCommand cmd = new PushCommand(new MessageId(900_001), 41, new RawJson("{\"news\":1}"), true, null,
                    List.of(new UserId(1001), new UserId(1002), new UserId(1003)), true, "trace-a");

            REDIS.sync().xadd(RedisKeys.nodeStream(a.nodeId()), cmd.toFields());

            Frame.Push expected = cmd.frame();
            assertThat(u1.read()).isEqualTo(expected);
            assertThat(next(u2)).isEqualTo(expected);
            assertOnlyPongFollows(u1);
            assertOnlyPongFollows(u2);
            FleetEvent.Delivered delivered = awaitEvent(FleetEvent.Delivered.class, e -> e.msgId().equals(cmd.msgId()));
            assertThat(delivered.node()).isEqualTo(a.nodeId());
            assertThat(delivered.taskId()).isEqualTo(41);
            assertThat(delivered.written()).containsExactlyInAnyOrder(new UserId(1001), new UserId(1002));
            assertThat(delivered.absent()).containsExactly(new UserId(1003));
        }
    }

    // (b) DESIGN 3.5: one broadcast entry, read by every edge, written once to every connection.
    @Test
    void broadcastReachesEveryConnectionOnceAndEachNodeListsItsUsers() throws Exception {
        awaitNoConnections();
        try (TcpTestClient a1 = tcp(portsA, 2001, "d"); WsTestClient a2 = ws(portsA, 2002, "w");
             TcpTestClient b1 = tcp(portsB, 2003, "d"); TcpTestClient b1second = tcp(portsB, 2003, "d2")) {
            PushCommand cmd = new PushCommand(new MessageId(900_002), 42, new RawJson("\"all\""), false, null, List.of(), true, "");

            REDIS.sync().xadd(RedisKeys.BROADCAST_STREAM, cmd.toFields());

            for (TcpTestClient c : List.of(a1, b1, b1second)) {
                assertThat(c.read()).isEqualTo(cmd.frame());
            }
            assertThat(next(a2)).isEqualTo(cmd.frame());
            assertOnlyPongFollows(a1, b1, b1second);
            assertOnlyPongFollows(a2);
            FleetEvent.Delivered onA = awaitEvent(FleetEvent.Delivered.class, e -> e.msgId().equals(cmd.msgId()) && e.node().equals(a.nodeId()));
            FleetEvent.Delivered onB = awaitEvent(FleetEvent.Delivered.class, e -> e.msgId().equals(cmd.msgId()) && e.node().equals(b.nodeId()));
            assertThat(onA.written()).containsExactly(new UserId(2001), new UserId(2002));
            assertThat(onB.written()).as("a user with two devices is listed once").containsExactly(new UserId(2003));
            assertThat(onA.absent()).isEmpty();
        }
    }

    // (c) DESIGN 3.7, 3.8: chat across edges; the receipt follows Kafka's ack; one record in the topic.
    @Test
    void chatToAUserOnTheOtherEdgeIsPushedWithItsSenderAndProducedOnce() throws Exception {
        try (WsTestClient sender = ws(portsA, 3001, "web"); TcpTestClient target = tcp(portsB, 3002, "phone")) {
            awaitRoute(3002, "phone");
            Map<TopicPartition, Long> mark = uplinks.mark();

            sender.sendText("{\"type\":\"send\",\"to\":{\"user\":3002},\"body\":{\"text\":\"hello\"},\"clientMsgId\":\"c-3001\"}");

            Frame.Receipt receipt = (Frame.Receipt) next(sender);
            assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
            assertThat(receipt.clientMsgId()).isEqualTo("c-3001");
            assertThat(target.read()).isEqualTo(new Frame.Push(receipt.msgId(), new RawJson("{\"text\":\"hello\"}"), true, new UserId(3001)));
            List<UplinkTopic.Uplink> records = uplinks.readToEnd(mark).stream()
                    .filter(u -> u.record().msgId().equals(receipt.msgId())).toList();
            assertThat(records).hasSize(1);
            UplinkTopic.Uplink uplink = records.getFirst();
            assertThat(uplink.key()).isEqualTo("3001");
            assertThat(uplink.traceId()).matches("[0-9a-f]{32}");
            assertThat(uplink.record().kind()).isEqualTo(UplinkRecord.Kind.SEND);
            assertThat(uplink.record().to()).isEqualTo(new Target.User(new UserId(3002)));
            assertThat(uplink.record().deviceId()).isEqualTo(new DeviceId("web"));
            assertThat(uplink.record().node()).isEqualTo(a.nodeId());
            assertThat(events(FleetEvent.Undeliverable.class)).noneMatch(e -> e.msgId().equals(receipt.msgId()));
        }
    }

    // (d) PROTOCOL 3.4: membership is checked before producing; members are reached on both edges.
    @Test
    void groupChatRefusesANonMemberAndReachesMembersOnBothEdges() throws Exception {
        GroupId group = new GroupId(77);
        REDIS.sync().sadd(RedisKeys.groupMembers(group), "4001", "4002", "4003", "4004");
        try (TcpTestClient sender = tcp(portsA, 4001, "d"); TcpTestClient outsider = tcp(portsA, 4009, "d");
             TcpTestClient onA = tcp(portsA, 4002, "d"); WsTestClient onB = ws(portsB, 4003, "w")) {
            awaitRoute(4002, "d");
            awaitRoute(4003, "w");
            Map<TopicPartition, Long> mark = uplinks.mark();

            outsider.send(new Frame.Send(new Target.Group(group), new RawJson("\"sneaky\""), "g-not"));
            assertThat(((Frame.Receipt) outsider.read()).status()).isEqualTo(ReceiptStatus.NOT_MEMBER);
            // A later record of the same user (same key, same partition) marks where "nothing produced" ends.
            outsider.send(new Frame.Uplink(new RawJson("1"), "g-barrier"));
            assertThat(((Frame.Receipt) outsider.read()).status()).isEqualTo(ReceiptStatus.ACCEPTED);
            List<UplinkTopic.Uplink> upToBarrier = uplinks.readUntil(mark,
                    u -> u.record().clientMsgId().equals("g-barrier") && u.record().userId().value() == 4009, WAIT);
            assertThat(upToBarrier).noneMatch(u -> u.record().clientMsgId().equals("g-not"));

            sender.send(new Frame.Send(new Target.Group(group), new RawJson("{\"t\":\"all of you\"}"), "g-1"));

            Frame.Receipt receipt = (Frame.Receipt) sender.read();
            assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
            Frame.Push expected = new Frame.Push(receipt.msgId(), new RawJson("{\"t\":\"all of you\"}"), true, new UserId(4001));
            assertThat(onA.read()).isEqualTo(expected);
            assertThat(next(onB)).isEqualTo(expected);
            FleetEvent.Undeliverable offline = awaitEvent(FleetEvent.Undeliverable.class, e -> e.msgId().equals(receipt.msgId()));
            assertThat(offline.targets()).containsExactly(new UserId(4004));
            assertThat(offline.from()).isEqualTo(new UserId(4001));
            assertThat(offline.body()).isEqualTo(new RawJson("{\"t\":\"all of you\"}"));
            assertOnlyPongFollows(sender);
        }
    }

    // (e) DESIGN 3.5: acks are batched per node into an acked event.
    @Test
    void ackFramesAreReportedAsAckedEvents() throws Exception {
        try (TcpTestClient client = tcp(portsA, 5001, "d")) {
            client.send(new Frame.Ack(new MessageId(900_005)));
            client.send(new Frame.Ack(new MessageId(900_006)));

            await().atMost(WAIT).untilAsserted(() -> assertThat(events(FleetEvent.Acked.class).stream()
                    .filter(e -> e.node().equals(a.nodeId())).flatMap(e -> e.acks().stream()).toList())
                    .contains(new FleetEvent.UserMessage(new UserId(5001), new MessageId(900_005)),
                            new FleetEvent.UserMessage(new UserId(5001), new MessageId(900_006))));
        }
    }

    // (f) DESIGN 3.6: a device that authenticated is announced, so its stored messages can be replayed.
    @Test
    void authenticationIsAnnouncedWithAConnectedEvent() throws Exception {
        try (TcpTestClient client = tcp(portsB, 6001, "tablet")) {
            RouteValue route = awaitRoute(6001, "tablet");

            FleetEvent.Connected connected = awaitEvent(FleetEvent.Connected.class, e -> e.userId().value() == 6001);

            assertThat(connected).isEqualTo(new FleetEvent.Connected(b.nodeId(), new UserId(6001), new DeviceId("tablet"), route.connId()));
        }
    }

    // (g) PROTOCOL 3.4: a resend of the same clientMsgId on the same edge: the first receipt, nothing more.
    @Test
    void aRepeatedSendOnOneEdgeIsProducedAndDeliveredOnceAndAnsweredTwiceAlike() throws Exception {
        try (TcpTestClient sender = tcp(portsA, 7001, "d"); TcpTestClient target = tcp(portsB, 7002, "d")) {
            awaitRoute(7002, "d");
            Map<TopicPartition, Long> mark = uplinks.mark();
            Frame.Send send = new Frame.Send(new Target.User(new UserId(7002)), new RawJson("{\"n\":1}"), "dup-7001");

            sender.send(send);
            Frame.Receipt first = (Frame.Receipt) sender.read();
            sender.send(send);
            Frame.Receipt second = (Frame.Receipt) sender.read();

            assertThat(first.status()).isEqualTo(ReceiptStatus.ACCEPTED);
            assertThat(second).isEqualTo(first);
            assertProducedAndDeliveredOnce(sender, 7001, "d", target, mark, first);
        }
    }

    // (h) The client lost its connection and resent on another edge: still one record, one delivery.
    @Test
    void aRepeatedSendOnAnotherEdgeIsAnsweredWithTheFirstReceipt() throws Exception {
        try (TcpTestClient target = tcp(portsA, 7102, "d")) {
            awaitRoute(7102, "d");
            Map<TopicPartition, Long> mark = uplinks.mark();
            Frame.Send send = new Frame.Send(new Target.User(new UserId(7102)), new RawJson("{\"n\":2}"), "dup-7101");
            Frame.Receipt first;
            try (TcpTestClient onA = tcp(portsA, 7101, "phone")) {
                onA.send(send);
                first = (Frame.Receipt) onA.read();
            }
            try (TcpTestClient onB = tcp(portsB, 7101, "phone")) {
                onB.send(send);
                Frame.Receipt second = (Frame.Receipt) onB.read();

                assertThat(first.status()).isEqualTo(ReceiptStatus.ACCEPTED);
                assertThat(second).isEqualTo(first);
                assertProducedAndDeliveredOnce(onB, 7101, "phone", target, mark, first);
            }
        }
    }

    // ---- helpers ----

    /**
     * One record of the receipt's message up to a later uplink of the same sender (same key, same partition, so
     * it marks where "nothing more produced" ends), and the target got exactly one push of it.
     */
    private static void assertProducedAndDeliveredOnce(TcpTestClient sender, long senderId, String device,
                                                       TcpTestClient target, Map<TopicPartition, Long> mark,
                                                       Frame.Receipt receipt) throws Exception {
        sender.send(new Frame.Uplink(new RawJson("0"), "barrier-" + senderId));
        assertThat(((Frame.Receipt) sender.read()).status()).isEqualTo(ReceiptStatus.ACCEPTED);
        List<UplinkTopic.Uplink> produced = uplinks.readUntil(mark,
                u -> u.record().clientMsgId().equals("barrier-" + senderId) && u.record().userId().value() == senderId, WAIT);
        assertThat(produced).filteredOn(u -> u.record().clientMsgId().equals(receipt.clientMsgId()))
                .singleElement().satisfies(u -> assertThat(u.record().msgId()).isEqualTo(receipt.msgId()));
        assertThat(target.read()).isInstanceOfSatisfying(Frame.Push.class,
                p -> assertThat(p.msgId()).isEqualTo(receipt.msgId()));
        assertOnlyPongFollows(target);
        assertThat(REDIS.sync().get(RedisKeys.clientMessage(new UserId(senderId), new DeviceId(device), receipt.clientMsgId())))
                .isEqualTo("done:" + receipt.msgId() + ":accepted");
    }

    private static TcpTestClient tcp(BoundPorts ports, long user, String device) throws Exception {
        TcpTestClient c = new TcpTestClient(ports.tcp());
        assertThat(c.auth(tokens.valid(user, device))).isInstanceOf(Frame.AuthOk.class);
        return c;
    }

    private static WsTestClient ws(BoundPorts ports, long user, String device) throws Exception {
        WsTestClient c = WsTestClient.connect(ports.ws());
        c.sendText("{\"type\":\"auth\",\"token\":\"" + tokens.valid(user, device) + "\"}");
        assertThat(next(c)).isInstanceOf(Frame.AuthOk.class);
        return c;
    }

    private static Frame next(WsTestClient c) throws InterruptedException {
        return JSON.decode(ByteBuffer.wrap(c.nextText().getBytes(StandardCharsets.UTF_8)));
    }

    /** A ping answered by a pong, with no other frame before it: nothing else had been written. */
    private static void assertOnlyPongFollows(TcpTestClient... clients) throws Exception {
        for (TcpTestClient c : clients) {
            c.send(new Frame.Ping());
            assertThat(c.read()).isEqualTo(new Frame.Pong());
        }
    }

    private static void assertOnlyPongFollows(WsTestClient... clients) throws Exception {
        for (WsTestClient c : clients) {
            c.sendText("{\"type\":\"ping\"}");
            assertThat(next(c)).isEqualTo(new Frame.Pong());
        }
    }

    private static RouteValue awaitRoute(long userId, String deviceId) {
        String key = RedisKeys.route(new UserId(userId));
        await().atMost(WAIT).until(() -> REDIS.sync().hget(key, deviceId) != null);
        return RouteValue.parse(REDIS.sync().hget(key, deviceId));
    }

    private static void awaitNoConnections() {
        await().atMost(WAIT).until(() -> a.connections().openCount() == 0 && b.connections().openCount() == 0);
    }

    private static <T extends FleetEvent> List<T> events(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (StreamMessage<String, String> m : REDIS.sync().xrange(RedisKeys.EVENTS_STREAM, Range.unbounded())) {
            FleetEvent e = FleetEvent.fromFields(m.getBody());
            if (type.isInstance(e)) {
                found.add(type.cast(e));
            }
        }
        return found;
    }

    private static <T extends FleetEvent> T awaitEvent(Class<T> type, Predicate<T> match) {
        return await().atMost(WAIT).until(() -> events(type).stream().filter(match).findFirst().orElse(null),
                Objects::nonNull);
    }
}
