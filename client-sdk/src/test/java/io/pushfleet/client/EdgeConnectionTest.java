package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pushfleet.client.EdgeHarness.QUIET;
import static io.pushfleet.client.EdgeHarness.TOKEN;
import static io.pushfleet.client.EdgeHarness.authOk;
import static io.pushfleet.client.EdgeHarness.closeReason;
import static io.pushfleet.client.EdgeHarness.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Opening, heartbeat, receiving and sending, on every transport. Endings are in {@link EdgeConnectionCloseTest}. */
class EdgeConnectionTest {

    private final EdgeHarness h = new EdgeHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static Frame.Push push(long id, boolean needsAck) {
        return new Frame.Push(new MessageId(id), new RawJson("{\"n\":" + id + "}"), needsAck, null);
    }

    // PROTOCOL 3.1: auth is the first frame; open completes on auth_ok.
    @ParameterizedTest
    @EnumSource(Transport.class)
    void opensAfterAuthOkWithTheTokenInTheFirstFrame(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);

        assertThat(o.connection().authOk()).isEqualTo(authOk(QUIET));
        assertThat(o.connection().isOpen()).isTrue();
        assertThat(o.peer().authorization()).isNull();
    }

    // PROTOCOL 3.1: a WebSocket client may put the token on the upgrade instead.
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"WEBSOCKET_JSON", "WEBSOCKET_BINARY"})
    void sendsTheTokenInTheUpgradeHeaderInsteadOfAnAuthFrame(Transport transport) throws Exception {
        CompletableFuture<EdgeConnection> future = h.start(options(transport).authInUpgradeHeader(true).build());
        FakeEdge.Peer peer = h.edge.awaitPeer();
        assertThat(peer.authorization()).isEqualTo("Bearer " + TOKEN);
        peer.send(authOk(QUIET));
        EdgeConnection connection = future.get(5, TimeUnit.SECONDS);

        connection.ping();

        peer.expect(Frame.Ping.class); // fails if an auth frame came first
    }

    // PROTOCOL 3.3: ping every heartbeatMs from auth_ok; nothing scheduled once closed.
    @ParameterizedTest
    @EnumSource(Transport.class)
    void pingsAtTheAuthOkIntervalAndStopsWhenClosed(Transport transport) throws Exception {
        // Room for a slow machine between the last pong and close() (the silence limit has its own test).
        ConnectOptions patient = options(transport).maxSilentHeartbeats(20).build();
        EdgeHarness.Opened o = h.open(patient, Duration.ofMillis(50));
        // The heartbeat only: the connect deadline was cancelled (its cancel may trail the open by a moment).
        await().atMost(Duration.ofSeconds(5)).until(() -> h.connector.scheduledTasks() == 1);
        for (int i = 0; i < 5; i++) {
            o.peer().expect(Frame.Ping.class);
            o.peer().send(new Frame.Pong());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> h.listener.inbox.pongs() == 5);
        assertThat(o.connection().isOpen()).isTrue();

        o.connection().close();

        assertThat(closeReason(o.connection())).isEqualTo(new CloseReason(1000, "closed by client", false));
        await().atMost(Duration.ofSeconds(5)).until(() -> h.connector.scheduledTasks() == 0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keepsTheConnectionWhileTheEdgeAnswersPings(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(options(transport).build(), Duration.ofMillis(50));

        for (int i = 0; i < 10; i++) { // 500 ms, over three times the silence limit: only the pongs keep it open
            o.peer().expect(Frame.Ping.class);
            o.peer().send(new Frame.Pong());
        }

        assertThat(o.connection().isOpen()).isTrue();
        assertThat(h.listener.closes).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsNoPingWhenAutoHeartbeatIsOff(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(options(transport).autoHeartbeat(false).build(), Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(5)).until(() -> h.connector.scheduledTasks() == 0);
        o.connection().send(new Frame.Uplink(new RawJson("1"), "u-1"));
        o.peer().expect(Frame.Uplink.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void acksOnlyPushesThatAskForIt(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);

        o.peer().send(push(1, false));
        o.peer().send(push(2, true));

        assertThat(h.listener.inbox.awaitPush(FakeEdge.WAIT)).isEqualTo(push(1, false));
        assertThat(h.listener.inbox.awaitPush(FakeEdge.WAIT)).isEqualTo(push(2, true));
        // An ack for push 1 would arrive first and fail this.
        assertThat(o.peer().expect(Frame.Ack.class).msgId()).isEqualTo(new MessageId(2));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void leavesAcksToTheCallerWhenAutoAckIsOff(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(options(transport).autoAck(false).build(), QUIET);

        o.peer().send(push(1, true));
        h.listener.inbox.awaitPush(FakeEdge.WAIT);
        o.connection().send(new Frame.Uplink(new RawJson("{}"), "after-push"));

        assertThat(o.peer().expect(Frame.Uplink.class).clientMsgId()).isEqualTo("after-push");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void doesNotAckAPushWhoseListenerThrew(Transport transport) throws Exception {
        h.listener.onPushDo(push -> {
            if (push.msgId().value() == 1) {
                throw new IllegalStateException("app failed on push 1");
            }
        });
        EdgeHarness.Opened o = h.open(transport);

        o.peer().send(push(1, true));
        o.peer().send(push(2, true));

        assertThat(o.peer().expect(Frame.Ack.class).msgId()).isEqualTo(new MessageId(2));
        assertThat(o.connection().isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handsReceiptsReconnectsAndNonFatalErrorsToTheListener(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);
        Frame.Receipt receipt = new Frame.Receipt("c-1", new MessageId(77), ReceiptStatus.ACCEPTED);
        Frame.Reconnect reconnect = new Frame.Reconnect(Duration.ofMillis(1500), "draining");
        Frame.Error rejected = new Frame.Error(4101, "rejected");

        o.peer().send(receipt);
        o.peer().send(reconnect);
        o.peer().send(rejected);

        assertThat(h.listener.inbox.await(Frame.Receipt.class, FakeEdge.WAIT)).isEqualTo(receipt);
        assertThat(h.listener.inbox.await(Frame.Reconnect.class, FakeEdge.WAIT)).isEqualTo(reconnect);
        assertThat(h.listener.inbox.await(Frame.Error.class, FakeEdge.WAIT)).isEqualTo(rejected);
        // PROTOCOL 5: 4100 and up leave the connection open.
        assertThat(o.connection().isOpen()).isTrue();
        o.connection().ping();
        o.peer().expect(Frame.Ping.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void concurrentSendsArriveWholeAndInCallOrderPerThread(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);
        int threads = 4;
        int perThread = 100;
        List<Thread> senders = new ArrayList<>();
        List<CompletableFuture<Void>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    writes.add(o.connection().send(new Frame.Uplink(new RawJson("{}"), thread + "-" + i)));
                }
            }));
        }
        for (Thread s : senders) {
            s.join();
        }

        Map<String, Integer> next = new HashMap<>();
        for (int n = 0; n < threads * perThread; n++) {
            String[] id = o.peer().expect(Frame.Uplink.class).clientMsgId().split("-");
            assertThat(Integer.parseInt(id[1])).as("order of thread " + id[0]).isEqualTo(next.getOrDefault(id[0], 0));
            next.put(id[0], Integer.parseInt(id[1]) + 1);
        }
        assertThat(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))).succeedsWithin(FakeEdge.WAIT);
    }

    @Test
    void refusesServerFramesAndSendsAfterClose() throws Exception {
        EdgeHarness.Opened o = h.open(Transport.TCP);

        assertThatThrownBy(() -> o.connection().send(new Frame.Pong()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("frame: pong (expected: a client-to-server frame)");
        o.connection().close();
        closeReason(o.connection());

        assertThat(o.connection().ping()).failsWithin(Duration.ofSeconds(1))
                .withThrowableThat().havingCause().isInstanceOf(IllegalStateException.class);
        assertThat(o.connection().isOpen()).isFalse();
    }

    @Test
    void sendRawWritesBytesAsTheyAreOnTcp() throws Exception {
        EdgeHarness.Opened o = h.open(Transport.TCP);

        o.connection().sendRaw(new byte[] {0, 0, 0, 2, 1, 2}); // PROTOCOL 3: a ping behind its length prefix

        o.peer().expect(Frame.Ping.class);
    }

    @Test
    void sendRawWritesTextAsItIsOnWebSocket() throws Exception {
        EdgeHarness.Opened o = h.open(Transport.WEBSOCKET_BINARY);

        o.connection().sendRaw("{\"type\":\"uplink\",\"body\":[1],\"clientMsgId\":\"raw\"}");

        assertThat(o.peer().expect(Frame.Uplink.class).clientMsgId()).isEqualTo("raw");
    }

    @Test
    void staticOpenUsesTheSharedConnector() throws Exception {
        try (FakeEdge edge = FakeEdge.start(Transport.TCP)) {
            CompletableFuture<EdgeConnection> future = EdgeConnection.open(edge.address(), TOKEN,
                    options(Transport.TCP).build(), h.listener);
            FakeEdge.Peer peer = edge.awaitPeer();
            peer.expect(Frame.Auth.class);
            peer.send(authOk(QUIET));
            try (EdgeConnection connection = future.get(5, TimeUnit.SECONDS)) {
                assertThat(connection.isOpen()).isTrue();
                assertThat(EdgeConnector.shared().liveConnections()).isPositive();
            }
        }
    }
}
