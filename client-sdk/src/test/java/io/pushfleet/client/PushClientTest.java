package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.pushfleet.client.EdgeHarness.QUIET;
import static io.pushfleet.client.EdgeHarness.TOKEN;
import static io.pushfleet.client.EdgeHarness.authOk;
import static io.pushfleet.client.EdgeHarness.connectFailure;
import static io.pushfleet.client.EdgeHarness.nowhere;
import static org.assertj.core.api.Assertions.assertThat;

class PushClientTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), 2, 0.2, Duration.ofSeconds(30));

    private final FakeControlPlane cp = new FakeControlPlane();
    private final FakeEdge first = FakeEdge.start(Transport.WEBSOCKET_JSON);
    private final FakeEdge second = FakeEdge.start(Transport.TCP);
    private PushClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        first.close();
        second.close();
        cp.close();
    }

    private PushClient client(Transport transport) {
        client = PushClient.builder().controlPlane(cp.uri())
                .options(ConnectOptions.builder().transport(transport).connectTimeout(Duration.ofSeconds(5)).build())
                .build();
        return client;
    }

    private static LoginResponse login(EdgeAddress edge, EdgeAddress... fallbacks) {
        return new LoginResponse(TOKEN, Instant.now().plusSeconds(3600), edge, List.of(fallbacks),
                Duration.ofSeconds(30), BACKOFF);
    }

    private static String edgeJson(EdgeAddress e) {
        return "{\"nodeId\":\"%s\",\"wsUrl\":\"%s\",\"tcpHost\":\"%s\",\"tcpPort\":%d}"
                .formatted(e.nodeId(), e.wsUrl(), e.tcpHost(), e.tcpPort());
    }

    @Test
    void registersLogsInConnectsReceivesAPushAndCloses() throws Exception {
        cp.answer("/api/auth/register", 201, "{\"userId\":42}");
        cp.answer("/api/auth/login", 200, """
                {"token":"%s","expiresAt":"2030-01-01T00:00:00Z","edge":%s,"fallbacks":[],
                 "heartbeatSeconds":30,"backoff":{"baseMs":500,"factor":2,"jitter":0.2,"maxMs":30000}}
                """.formatted(TOKEN, edgeJson(first.address())));
        PushClient pushClient = client(Transport.WEBSOCKET_JSON);
        Inbox inbox = new Inbox();

        assertThat(pushClient.register("alice", "s3cret-pass")).isEqualTo(new UserId(42));
        LoginResponse login = pushClient.login("alice", "s3cret-pass", new DeviceId("phone-1"));
        CompletableFuture<EdgeConnection> connecting = pushClient.connect(login, inbox);
        FakeEdge.Peer peer = first.awaitPeer();
        assertThat(peer.expect(Frame.Auth.class).token()).isEqualTo(TOKEN);
        peer.send(authOk(QUIET));
        EdgeConnection connection = connecting.get(5, TimeUnit.SECONDS);
        peer.send(new Frame.Push(new MessageId(7), new RawJson("{\"text\":\"hello\"}"), true, null));

        assertThat(inbox.awaitPush(FakeEdge.WAIT).body()).isEqualTo(new RawJson("{\"text\":\"hello\"}"));
        assertThat(peer.expect(Frame.Ack.class).msgId()).isEqualTo(new MessageId(7));
        connection.close();
        assertThat(connection.closed().get(5, TimeUnit.SECONDS).code()).isEqualTo(CloseReason.NORMAL_CLOSURE);
    }

    @Test
    void fallsBackToTheNextEdgeWhenOneIsUnreachable() throws Exception {
        EdgeAddress dead = nowhere("dead");
        CompletableFuture<EdgeConnection> connecting = client(Transport.TCP)
                .connect(login(dead, second.address()), new Inbox());

        FakeEdge.Peer peer = second.awaitPeer();
        peer.expect(Frame.Auth.class);
        peer.send(authOk(QUIET));

        assertThat(connecting.get(5, TimeUnit.SECONDS).edge()).isEqualTo(second.address());
    }

    @Test
    void doesNotFallBackWhenTheEdgeRefuses() throws Exception {
        CompletableFuture<EdgeConnection> connecting = client(Transport.WEBSOCKET_JSON)
                .connect(login(first.address(), second.address()), new Inbox());
        FakeEdge.Peer peer = first.awaitPeer();
        peer.expect(Frame.Auth.class);

        peer.refuse(CloseCode.TOKEN_EXPIRED, "token expired");

        EdgeConnectException e = connectFailure(connecting);
        assertThat(e.closeReason().code()).isEqualTo(CloseCode.TOKEN_EXPIRED.code());
        assertThat(e.edge()).isEqualTo(first.address());
        assertThat(second.noPeerYet()).as("the fallback was not tried").isTrue();
    }

    @Test
    void failsWithTheLastFailureAndTheEarlierOnesSuppressedWhenNoEdgeAnswers() throws Exception {
        EdgeAddress a = nowhere("dead-a");
        EdgeAddress b = nowhere("dead-b");

        EdgeConnectException e = connectFailure(client(Transport.TCP).connect(login(a, b), new Inbox()));

        assertThat(e.edge()).isEqualTo(b);
        assertThat(e.getSuppressed()).hasSize(1);
        assertThat(((EdgeConnectException) e.getSuppressed()[0]).edge()).isEqualTo(a);
    }

    @Test
    void closeClosesEveryConnectionItOpened() throws Exception {
        PushClient pushClient = client(Transport.TCP);
        CompletableFuture<EdgeConnection> connecting = pushClient.connect(login(second.address()), new Inbox());
        FakeEdge.Peer peer = second.awaitPeer();
        peer.expect(Frame.Auth.class);
        peer.send(authOk(QUIET));
        EdgeConnection connection = connecting.get(5, TimeUnit.SECONDS);

        pushClient.close();

        assertThat(connection.closed()).isCompletedWithValue(
                new CloseReason(CloseReason.NORMAL_CLOSURE, "closed by client", false));
        assertThat(peer.awaitClosed()).isTrue();
        assertThat(pushClient.connect(login(second.address()), new Inbox()))
                .failsWithin(Duration.ofSeconds(1));
    }

    @Test
    void closeAbandonsAConnectThatIsStillWaitingForAuthOk() throws Exception {
        PushClient pushClient = client(Transport.TCP);
        CompletableFuture<EdgeConnection> connecting = pushClient.connect(login(second.address()), new Inbox());
        second.awaitPeer().expect(Frame.Auth.class); // and never answered

        pushClient.close();

        EdgeConnectException e = connectFailure(connecting);
        assertThat(e.closeReason()).isEqualTo(new CloseReason(CloseReason.NORMAL_CLOSURE, "closed by client", false));
        assertThat(e.transportFailure()).isFalse();
    }

    @Test
    void aSessionComesBackOnTheOtherEdgeAfterADropAndResendsWhatHadNoReceipt() throws Exception {
        try (FakeEdge edgeA = FakeEdge.start(Transport.TCP); FakeEdge edgeB = FakeEdge.start(Transport.TCP)) {
            String answer = """
                    {"token":"%s","expiresAt":"2030-01-01T00:00:00Z","edge":%s,"fallbacks":[%s],
                     "heartbeatSeconds":30,"backoff":{"baseMs":10,"factor":2,"jitter":0.2,"maxMs":1000}}
                    """;
            cp.answer("/api/auth/login", 200,
                    answer.formatted(TOKEN, edgeJson(renamed(edgeA, "edge-a")), edgeJson(renamed(edgeB, "edge-b"))));
            cp.answer("/api/auth/refresh", 200,
                    answer.formatted("refreshed", edgeJson(renamed(edgeA, "edge-a")), edgeJson(renamed(edgeB, "edge-b"))));
            SessionEvents events = new SessionEvents();
            PushClient pushClient = client(Transport.TCP);
            PushSession session = pushClient.session("alice", "s3cret-pass", new DeviceId("phone-1"), events);
            FakeEdge.Peer a = edgeA.awaitPeer();
            a.expect(Frame.Auth.class);
            a.send(authOk(QUIET));
            CompletableFuture<Frame.Receipt> receipt = session.uplink(new RawJson("{\"temp\":21}"));
            String clientMsgId = a.expect(Frame.Uplink.class).clientMsgId();

            a.drop();

            FakeEdge.Peer b = edgeB.awaitPeer();
            assertThat(b.expect(Frame.Auth.class).token()).as("refreshed, and the lost edge last").isEqualTo("refreshed");
            b.send(authOk(QUIET));
            assertThat(b.expect(Frame.Uplink.class).clientMsgId()).isEqualTo(clientMsgId);
            b.send(new Frame.Receipt(clientMsgId, new MessageId(9), ReceiptStatus.ACCEPTED));
            assertThat(receipt.get(5, TimeUnit.SECONDS).msgId()).isEqualTo(new MessageId(9));
            assertThat(events.lines).filteredOn(l -> l.startsWith("reconnecting 1 ")).hasSize(1);

            pushClient.close();

            assertThat(session.closed().get(5, TimeUnit.SECONDS)).isInstanceOf(SessionEnd.ClosedByClient.class);
            assertThat(b.awaitClosed()).isTrue();
        }
    }

    /** The fakes share a node id; a session tells edges apart by it. */
    private static EdgeAddress renamed(FakeEdge edge, String nodeId) {
        EdgeAddress a = edge.address();
        return new EdgeAddress(new NodeId(nodeId), a.wsUrl(), a.tcpHost(), a.tcpPort());
    }

    @Test
    void buildRequiresTheControlPlane() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PushClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("controlPlane: not set (expected: the control plane's base URL)");
        assertThat(PushClient.builder().controlPlane(URI.create("http://127.0.0.1:1")).build())
                .satisfies(PushClient::close);
    }
}
