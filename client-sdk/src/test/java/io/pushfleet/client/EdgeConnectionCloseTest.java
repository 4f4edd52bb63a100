package io.pushfleet.client;

import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.pushfleet.client.EdgeHarness.TOKEN;
import static io.pushfleet.client.EdgeHarness.closeReason;
import static io.pushfleet.client.EdgeHarness.connectFailure;
import static io.pushfleet.client.EdgeHarness.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Every way a connection ends or fails to open, on every transport, and what the caller is told. */
class EdgeConnectionCloseTest {

    private final EdgeHarness h = new EdgeHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    // PROTOCOL 5: the edge refuses auth with 4002 (WebSocket close status, or TCP error frame then close).
    @ParameterizedTest
    @EnumSource(Transport.class)
    void failsToOpenWithTheEdgesCodeWhenAuthIsRefused(Transport transport) throws Exception {
        CompletableFuture<EdgeConnection> future = h.start(options(transport).build());
        FakeEdge.Peer peer = h.edge.awaitPeer();
        peer.expect(Frame.Auth.class);

        peer.refuse(CloseCode.AUTH_FAILED, "bad signature");

        EdgeConnectException e = connectFailure(future);
        assertThat(e.closeReason()).isEqualTo(new CloseReason(4002, "bad signature", true));
        assertThat(e.transportFailure()).isFalse();
        assertThat(h.listener.closes).as("no listener calls for a connection that never opened").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void endsWithTheFatalCodeTheEdgeSends(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);

        o.peer().refuse(CloseCode.REPLACED, "same device connected again");

        CloseReason expected = new CloseReason(4008, "same device connected again", true);
        assertThat(closeReason(o.connection())).isEqualTo(expected);
        assertThat(h.listener.closes).containsExactly(expected);
        assertThat(o.connection().isOpen()).isFalse();
        if (transport == Transport.TCP) {
            assertThat(h.listener.inbox.snapshot()).containsExactly(new Frame.Error(4008, "same device connected again"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeEndsTheConnectionGracefully(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);

        o.connection().close();
        o.connection().close(); // idempotent

        CloseReason expected = new CloseReason(CloseReason.NORMAL_CLOSURE, "closed by client", false);
        assertThat(closeReason(o.connection())).isEqualTo(expected);
        assertThat(h.listener.closes).containsExactly(expected);
        if (transport.webSocket()) {
            assertThat(o.peer().awaitClientCloseCode()).isEqualTo(CloseReason.NORMAL_CLOSURE);
        }
        assertThat(o.peer().awaitClosed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void endsAbnormallyWhenTheTransportDrops(Transport transport) throws Exception {
        // A short heartbeat: the JDK WebSocket client sometimes loses an EOF that arrives while a listener
        // call is running, and then only a failed ping write or the silence limit notices the drop.
        EdgeHarness.Opened o = h.open(options(transport).build(), Duration.ofMillis(100));

        o.peer().drop();

        CloseReason reason = closeReason(o.connection());
        assertThat(reason.code()).isEqualTo(CloseReason.ABNORMAL_CLOSURE);
        assertThat(h.listener.closes).containsExactly(reason);
    }

    // PROTOCOL 3.3: a live edge answers every ping; one that stays silent is given up on.
    @ParameterizedTest
    @EnumSource(Transport.class)
    void dropsAnEdgeThatStaysSilentForTooManyHeartbeats(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(options(transport).maxSilentHeartbeats(2).build(), Duration.ofMillis(50));
        o.peer().expect(Frame.Ping.class); // pinging, but the fake never answers

        assertThat(closeReason(o.connection())).isEqualTo(new CloseReason(CloseReason.ABNORMAL_CLOSURE,
                "edge silent for 2 heartbeats of PT0.05S", false));
        assertThat(o.peer().awaitClosed()).isTrue();
    }

    // PROTOCOL 5, 4000: input that is not a frame closes the connection with protocol_error.
    @ParameterizedTest
    @EnumSource(Transport.class)
    void closesWithProtocolErrorWhenTheEdgeSendsGarbage(Transport transport) throws Exception {
        EdgeHarness.Opened o = h.open(transport);
        byte[] unknownType = {1, 0x7F};

        o.peer().sendRaw(transport == Transport.TCP ? new byte[] {0, 0, 0, 2, 1, 0x7F} : unknownType);

        CloseReason reason = closeReason(o.connection());
        assertThat(reason.code()).isEqualTo(CloseCode.PROTOCOL_ERROR.code());
        assertThat(reason.byServer()).isFalse();
        if (transport.webSocket()) {
            assertThat(o.peer().awaitClientCloseCode()).isEqualTo(CloseCode.PROTOCOL_ERROR.code());
        }
        assertThat(o.peer().awaitClosed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closesWithFrameTooLargeWhenTheEdgeExceedsTheLimit(Transport transport) throws Exception {
        ProtocolLimits small = new ProtocolLimits(256, ProtocolLimits.DEFAULT_AUTH_TIMEOUT, 50);
        EdgeHarness.Opened o = h.open(options(transport).limits(small).build(), EdgeHarness.QUIET);

        o.peer().send(new Frame.Push(new MessageId(1), new RawJson("\"" + "x".repeat(400) + "\""), false, null));

        assertThat(closeReason(o.connection()).code()).isEqualTo(CloseCode.FRAME_TOO_LARGE.code());
        assertThat(h.listener.inbox.snapshot()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void failsAsTransportFailureWhenNothingListens(Transport transport) throws Exception {
        EdgeAddress nowhere = EdgeHarness.nowhere("gone");

        EdgeConnectException e = connectFailure(h.connector.open(nowhere, TOKEN, options(transport).build(), h.listener));

        assertThat(e.transportFailure()).isTrue();
        assertThat(e.closeReason().code()).isEqualTo(CloseReason.ABNORMAL_CLOSURE);
        assertThat(e.edge()).isEqualTo(nowhere);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void failsAsTransportFailureWhenAuthOkNeverComes(Transport transport) throws Exception {
        CompletableFuture<EdgeConnection> future =
                h.start(options(transport).connectTimeout(Duration.ofMillis(300)).build());
        FakeEdge.Peer peer = h.edge.awaitPeer();
        peer.expect(Frame.Auth.class);

        EdgeConnectException e = connectFailure(future);

        assertThat(e.transportFailure()).isTrue();
        assertThat(e.closeReason()).isEqualTo(
                new CloseReason(CloseReason.ABNORMAL_CLOSURE, "no auth_ok within PT0.3S", false));
        assertThat(peer.awaitClosed()).as("the transport is dropped").isTrue();
        assertThat(h.connector.scheduledTasks()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void neverLogsTheToken(Transport transport) throws Exception {
        try (LogCapture logs = new LogCapture()) {
            EdgeHarness.Opened o = h.open(transport);
            o.peer().refuse(CloseCode.TOKEN_EXPIRED, "token expired");
            closeReason(o.connection());

            String all = String.join("\n", logs.lines());
            assertThat(all).contains("connected nodeId=fake").contains("disconnected nodeId=fake-")
                    .doesNotContain(TOKEN);
        }
    }
}
