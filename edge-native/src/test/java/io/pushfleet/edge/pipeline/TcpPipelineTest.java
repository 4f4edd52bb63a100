package io.pushfleet.edge.pipeline;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.registry.InMemoryRouteTable;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw TCP pipeline, end to end in an EmbeddedChannel: framing, auth, heartbeat, limits, routes. */
class TcpPipelineTest {

    private static final UserId USER = new UserId(42);
    private static final DeviceId DEVICE = new DeviceId("phone-1");

    private final PipelineFixture fx = new PipelineFixture();

    @Test
    void answersAuthOkAndRegistersTheRouteWhenTheTokenIsValid() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "phone-1"))));

        assertThat(TcpWire.read(ch)).isEqualTo(new Frame.AuthOk(USER, DEVICE, PipelineFixture.NODE, PipelineFixture.HEARTBEAT));
        assertThat(ch.isOpen()).isTrue();
        RouteValue route = fx.routes.route(USER, DEVICE).orElseThrow();
        assertThat(route.nodeId()).isEqualTo(PipelineFixture.NODE);
        assertThat(route.bootEpoch()).isEqualTo(PipelineFixture.BOOT_EPOCH);
        assertThat(fx.connections.find(USER, route.connId())).isNotNull();
        assertThat(fx.routes.members(PipelineFixture.NODE)).containsExactly("42:phone-1:" + PipelineFixture.BOOT_EPOCH + ":" + route.connId());
    }

    // DESIGN 3.6: once the route is set, the control plane hears of the connection (and replays stored messages).
    @Test
    void emitsAConnectedEventOnceTheRouteIsSet() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "phone-1"))));

        RouteValue route = fx.routes.route(USER, DEVICE).orElseThrow();
        assertThat(fx.events.all()).containsExactly(new FleetEvent.Connected(PipelineFixture.NODE, USER, DEVICE, route.connId()));
    }

    @Test
    void emitsNoConnectedEventWhenTheRouteCannotBeWritten() {
        fx.routes.failing(true);
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "phone-1"))));

        assertThat(fx.events.all()).isEmpty();
    }

    // PROTOCOL 3.1: AUTH must be the first frame.
    @Test
    void closesWithAuthRequiredWhenTheFirstFrameIsNotAuth() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.frame(new Frame.Ping()));

        assertClosedWith(ch, CloseCode.AUTH_REQUIRED);
        assertThat(fx.closes("auth_required")).isEqualTo(1);
    }

    @Test
    void closesWithAuthFailedWhenTheSignatureIsWrong() {
        assertTokenRefused(fx.tokens::wronglySigned, CloseCode.AUTH_FAILED);
    }

    @Test
    void closesWithTokenExpiredWhenTheTokenHasExpired() {
        assertTokenRefused(fx.tokens::expired, CloseCode.TOKEN_EXPIRED);
    }

    @Test
    void closesWithAuthFailedWhenTheAlgorithmIsNone() {
        assertTokenRefused(fx.tokens::algNone, CloseCode.AUTH_FAILED);
    }

    @Test
    void closesWithAuthFailedWhenTheKidIsUnknown() {
        assertTokenRefused(fx.tokens::unknownKid, CloseCode.AUTH_FAILED);
    }

    @Test
    void closesWithAuthFailedWhenTheIssuerIsWrong() {
        assertTokenRefused(fx.tokens::wrongIssuer, CloseCode.AUTH_FAILED);
    }

    // PROTOCOL 3.3
    @Test
    void answersPingWithPong() {
        EmbeddedChannel ch = authenticated();

        ch.writeInbound(TcpWire.frame(new Frame.Ping()));

        assertThat(TcpWire.read(ch)).isEqualTo(new Frame.Pong());
        assertThat(ch.isOpen()).isTrue();
    }

    // PROTOCOL 3.1: a second auth is a non-fatal 4100.
    @Test
    void answersASecondAuthWithANonFatalUnexpectedFrame() {
        EmbeddedChannel ch = authenticated();

        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "phone-1"))));

        assertThat(TcpWire.read(ch)).isEqualTo(new Frame.Error(CloseCode.UNEXPECTED_FRAME, "already authenticated"));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void answersAServerToClientFrameWithANonFatalUnexpectedFrame() {
        EmbeddedChannel ch = authenticated();

        ch.writeInbound(TcpWire.frame(new Frame.Pong()));

        assertThat(((Frame.Error) TcpWire.read(ch)).code()).isEqualTo(CloseCode.UNEXPECTED_FRAME.code());
        assertThat(ch.isOpen()).isTrue();
    }

    // PROTOCOL 4: frame size limit, checked on the length prefix before the body arrives.
    @Test
    void closesWithFrameTooLargeWhenTheLengthPrefixIsOverTheLimit() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.lengthOnly(PipelineFixture.MAX_FRAME_BYTES + 1));

        assertClosedWith(ch, CloseCode.FRAME_TOO_LARGE);
    }

    @Test
    void closesWithFrameTooLargeWhenTheLengthPrefixIsNegativeAsSigned() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.lengthOnly(0xFFFF_FFFFL));

        assertClosedWith(ch, CloseCode.FRAME_TOO_LARGE);
    }

    @Test
    void closesWithProtocolErrorWhenTheLengthIsZero() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.lengthOnly(0));

        assertClosedWith(ch, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void closesWithProtocolErrorWhenTheFrameIsMalformed() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.raw(new byte[] {1, 0x7f}));

        assertClosedWith(ch, CloseCode.PROTOCOL_ERROR);
    }

    @Test
    void closesWithUnsupportedVersionWhenTheVersionIsUnknown() {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.raw(new byte[] {9, 2}));

        assertClosedWith(ch, CloseCode.UNSUPPORTED_VERSION);
    }

    @Test
    void decodesAFrameSplitAcrossReads() {
        EmbeddedChannel ch = authenticated();
        var bytes = TcpWire.frame(new Frame.Ping());

        ch.writeInbound(bytes.readRetainedSlice(3));
        assertThat(TcpWire.read(ch)).isNull();
        ch.writeInbound(bytes);

        assertThat(TcpWire.read(ch)).isEqualTo(new Frame.Pong());
    }

    // PROTOCOL 4: frames per second per connection.
    @Test
    void closesWithRateLimitedWhenTooManyFramesArriveInOneSecond() {
        EmbeddedChannel ch = authenticated();

        // The auth frame counts too: any frame does.
        for (int i = 1; i < PipelineFixture.MAX_FRAMES_PER_SECOND; i++) {
            ch.writeInbound(TcpWire.frame(new Frame.Ping()));
            assertThat(TcpWire.read(ch)).isEqualTo(new Frame.Pong());
        }
        ch.writeInbound(TcpWire.frame(new Frame.Ping()));

        assertClosedWith(ch, CloseCode.RATE_LIMITED);
        assertThat(fx.closes("rate_limited")).isEqualTo(1);
    }

    @Test
    void allowsTheSameRateAgainInTheNextSecond() {
        EmbeddedChannel ch = authenticated();
        for (int i = 1; i < PipelineFixture.MAX_FRAMES_PER_SECOND; i++) {
            ch.writeInbound(TcpWire.frame(new Frame.Ping()));
            TcpWire.read(ch);
        }

        fx.advance(java.time.Duration.ofSeconds(1), ch);
        ch.writeInbound(TcpWire.frame(new Frame.Ping()));

        assertThat(TcpWire.read(ch)).isEqualTo(new Frame.Pong());
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void deletesItsRouteOnDisconnect() {
        EmbeddedChannel ch = authenticated();

        ch.close();

        assertThat(fx.routes.route(USER, DEVICE)).isEmpty();
        assertThat(fx.routes.members(PipelineFixture.NODE)).isEmpty();
        assertThat(fx.connections.openCount()).isZero();
        assertThat(fx.closes("peer_closed")).isEqualTo(1);
    }

    // PROTOCOL 3.2: the same device again on this node replaces the older connection.
    @Test
    void closesTheOlderLocalConnectionWithReplacedAndKeepsTheNewRoute() {
        EmbeddedChannel first = authenticated();
        EmbeddedChannel second = authenticated();

        assertClosedWith(first, CloseCode.REPLACED);
        RouteValue route = fx.routes.route(USER, DEVICE).orElseThrow();
        assertThat(fx.connections.find(USER, route.connId()).channel()).isSameAs(second);
        assertThat(second.isOpen()).isTrue();
        assertThat(fx.routes.kicks()).isEmpty();
    }

    @Test
    void kicksThePreviousConnectionWhenItIsOnAnotherNode() {
        RouteValue elsewhere = new RouteValue(new NodeId("edge-other"), 123, 9);
        fx.routes.put(USER, DEVICE, elsewhere);

        authenticated();

        assertThat(fx.routes.kicks()).containsExactly(new InMemoryRouteTable.Kick(USER, DEVICE, elsewhere));
    }

    @Test
    void sendsNoKickForARouteOfAnEarlierRunOfThisNode() {
        fx.routes.put(USER, DEVICE, new RouteValue(PipelineFixture.NODE, PipelineFixture.BOOT_EPOCH - 1, 9));

        authenticated();

        assertThat(fx.routes.kicks()).isEmpty();
    }

    @Test
    void closesWithInternalErrorWhenTheRouteCannotBeWritten() {
        fx.routes.failing(true);
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "phone-1"))));

        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.AuthOk.class);
        assertClosedWith(ch, CloseCode.INTERNAL_ERROR);
    }

    private EmbeddedChannel authenticated() {
        EmbeddedChannel ch = fx.tcp();
        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(42, "phone-1"))));
        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.AuthOk.class);
        return ch;
    }

    private void assertTokenRefused(BiFunction<Long, String, String> mint, CloseCode expected) {
        EmbeddedChannel ch = fx.tcp();

        ch.writeInbound(TcpWire.frame(new Frame.Auth(mint.apply(42L, "phone-1"))));

        assertClosedWith(ch, expected);
        assertThat(fx.routes.route(USER, DEVICE)).isEmpty();
    }

    /** PROTOCOL 5: on TCP a fatal close is an error frame with the code, then the close. */
    static void assertClosedWith(EmbeddedChannel ch, CloseCode code) {
        ch.runPendingTasks();
        Frame last = null;
        Frame f;
        while ((f = TcpWire.read(ch)) != null) {
            last = f;
        }
        assertThat(last).isInstanceOf(Frame.Error.class);
        assertThat(((Frame.Error) last).code()).as("close code").isEqualTo(code.code());
        assertThat(ch.isOpen()).as("channel open").isFalse();
    }
}
