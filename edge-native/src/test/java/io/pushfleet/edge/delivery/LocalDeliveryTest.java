package io.pushfleet.edge.delivery;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.edge.testing.WsWire;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN 6: a push is encoded once per wire, handed to each event loop in one task, and written as retained
 * duplicates. Every EmbeddedChannel has its own event loop, whose tasks run only when the test says so.
 */
class LocalDeliveryTest {

    private static final Frame.Push PUSH = new Frame.Push(new MessageId(77), new RawJson("{\"t\":\"hi\"}"), true, null);

    private final PipelineFixture fx = new PipelineFixture();
    private final List<EmbeddedChannel> opened = new ArrayList<>();

    @Test
    void writesOnePushToEveryDeviceOfEachTargetAndEncodesOncePerWire() {
        EmbeddedChannel tcp1 = tcp(1, "tcp");
        WsWire json1 = webSocket(1, "web", false);
        WsWire binary2 = webSocket(2, "app", true);
        EmbeddedChannel tcp3a = tcp(3, "a");
        EmbeddedChannel tcp3b = tcp(3, "b");
        EmbeddedChannel bystander = tcp(5, "x");
        fx.json.reset();
        fx.binary.reset();

        LocalDelivery.Outcome outcome = deliver(List.of(1L, 2L, 3L, 4L));

        assertThat(fx.binary.encodes()).as("binary encodings for 4 binary connections").isEqualTo(1);
        assertThat(fx.json.encodes()).as("JSON encodings").isEqualTo(1);
        assertThat(outcome.written()).containsExactly(new UserId(1), new UserId(2), new UserId(3));
        assertThat(outcome.absent()).containsExactly(new UserId(4));
        assertThat(outcome.writes()).isEqualTo(5);
        assertThat(outcome.loops()).as("one task per event loop").isEqualTo(5);
        assertThat(TcpWire.read(tcp1)).isEqualTo(PUSH);
        WebSocketFrame text = json1.read();
        try {
            assertThat(text).isInstanceOf(TextWebSocketFrame.class);
            assertThat(text.content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"v\":1,\"type\":\"push\",\"msgId\":\"77\",\"body\":{\"t\":\"hi\"},\"needsAck\":true}");
        } finally {
            text.release();
        }
        assertThat(binary2.readFrame()).isEqualTo(PUSH);
        assertThat(TcpWire.read(tcp3a)).isEqualTo(PUSH);
        assertThat(TcpWire.read(tcp3b)).isEqualTo(PUSH);
        for (EmbeddedChannel ch : List.of(tcp1, tcp3a, tcp3b, bystander)) {
            assertThat(TcpWire.read(ch)).as("nothing more").isNull();
        }
        assertThat(json1.read()).isNull();
        assertThat(fx.allocator.unreleased()).as("encoded buffers released").isZero();
    }

    @Test
    void theJsonMappingReachesWebSocketTextClients() {
        WsWire json = webSocket(1, "web", false);

        deliver(List.of(1L));

        assertThat(json.readFrame()).isEqualTo(PUSH);
    }

    @Test
    void reportsEveryoneAbsentWithoutEncodingWhenNoTargetIsHere() {
        LocalDelivery.Outcome outcome = deliver(List.of(11L, 12L));

        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.absent()).containsExactly(new UserId(11), new UserId(12));
        assertThat(outcome.loops()).isZero();
        assertThat(fx.binary.encodes() + fx.json.encodes()).isZero();
    }

    @Test
    void countsARepeatedTargetOnce() {
        EmbeddedChannel ch = tcp(1, "d");

        LocalDelivery.Outcome outcome = deliver(List.of(1L, 1L));

        assertThat(outcome.written()).containsExactly(new UserId(1));
        assertThat(TcpWire.read(ch)).isEqualTo(PUSH);
        assertThat(TcpWire.read(ch)).isNull();
    }

    // DESIGN 6: a client that stops reading never grows the heap; it is skipped, and the sweep closes it.
    @Test
    void skipsAConnectionOverItsHighWaterMarkAndReportsItsUserAbsent() {
        EmbeddedChannel slow = tcp(1, "slow");
        EmbeddedChannel fine = tcp(2, "fine");
        slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        LocalDelivery.Outcome outcome = deliver(List.of(1L, 2L));

        assertThat(outcome.written()).containsExactly(new UserId(2));
        assertThat(outcome.absent()).containsExactly(new UserId(1));
        assertThat(TcpWire.read(slow)).isNull();
        assertThat(TcpWire.read(fine)).isEqualTo(PUSH);
        assertThat(fx.count("edge.pushes.skipped", "reason", "unwritable")).isEqualTo(1);
        assertThat(fx.allocator.unreleased()).isZero();
    }

    @Test
    void aUserWithOneWritableDeviceCountsAsWritten() {
        EmbeddedChannel slow = tcp(1, "slow");
        EmbeddedChannel fine = tcp(1, "fine");
        slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        LocalDelivery.Outcome outcome = deliver(List.of(1L));

        assertThat(outcome.written()).containsExactly(new UserId(1));
        assertThat(TcpWire.read(fine)).isEqualTo(PUSH);
    }

    @Test
    void skipsAConnectionThatIsClosing() {
        EmbeddedChannel closing = tcp(1, "d");
        Session.of(closing).beginClose(CloseCode.GOING_AWAY, "test", 0);

        LocalDelivery.Outcome outcome = deliver(List.of(1L));

        assertThat(outcome.absent()).containsExactly(new UserId(1));
        assertThat(TcpWire.read(closing)).isNull();
    }

    @Test
    void refusesAFrameOverTheLimitWithoutWritingOrLeaking() {
        tcp(1, "d");
        Frame.Push huge = new Frame.Push(new MessageId(1), new RawJson("\"" + "x".repeat(PipelineFixture.MAX_FRAME_BYTES) + "\""), false, null);

        assertThatThrownBy(() -> fx.delivery.deliver(huge, List.of(new UserId(1)), o -> { }))
                .isInstanceOf(ProtocolException.class);
        assertThat(fx.allocator.unreleased()).isZero();
    }

    @Test
    void broadcastWritesEveryAuthenticatedConnectionOnceAndListsEachUserOnce() {
        EmbeddedChannel a1 = tcp(3, "a");
        EmbeddedChannel a2 = tcp(3, "b");
        WsWire b = webSocket(1, "web", false);
        EmbeddedChannel anonymous = fx.tcp();
        opened.add(anonymous);
        AtomicReference<LocalDelivery.BroadcastOutcome> result = new AtomicReference<>();

        fx.delivery.broadcast(PUSH, result::set);
        assertThat(result.get()).as("nothing written before the loops ran").isNull();
        runTasks();

        assertThat(result.get().users()).containsExactly(1L, 3L);
        assertThat(result.get().writes()).isEqualTo(3);
        assertThat(TcpWire.read(a1)).isEqualTo(PUSH);
        assertThat(TcpWire.read(a2)).isEqualTo(PUSH);
        assertThat(b.readFrame()).isEqualTo(PUSH);
        assertThat(TcpWire.read(anonymous)).as("not authenticated").isNull();
        assertThat(fx.allocator.unreleased()).isZero();
    }

    @Test
    void sortedDistinctDropsRepeats() {
        assertThat(LongList.sortedDistinct(new long[] {5, 1, 5, 3, 1})).containsExactly(1, 3, 5);
        assertThat(LongList.sortedDistinct(new long[0])).isEmpty();
    }

    /** Runs the delivery, then every channel's pending loop tasks; returns the outcome. */
    private LocalDelivery.Outcome deliver(List<Long> users) {
        AtomicReference<LocalDelivery.Outcome> result = new AtomicReference<>();
        fx.delivery.deliver(PUSH, users.stream().map(UserId::new).toList(), result::set);
        runTasks();
        assertThat(result.get()).as("outcome reported").isNotNull();
        return result.get();
    }

    private EmbeddedChannel tcp(long user, String device) {
        EmbeddedChannel ch = fx.authenticatedTcp(user, device);
        opened.add(ch);
        return ch;
    }

    private WsWire webSocket(long user, String device, boolean binary) {
        EmbeddedChannel ch = fx.ws();
        WsWire wire = new WsWire(ch);
        assertThat(wire.upgrade("/ws")).isEqualTo(101);
        Frame.Auth auth = new Frame.Auth(fx.tokens.valid(user, device));
        if (binary) {
            wire.sendBinary(auth);
        } else {
            wire.sendJson(auth);
        }
        assertThat(wire.readFrame()).isInstanceOf(Frame.AuthOk.class);
        opened.add(ch);
        return wire;
    }

    private void runTasks() {
        for (EmbeddedChannel ch : opened) {
            ch.runPendingTasks();
        }
    }
}
