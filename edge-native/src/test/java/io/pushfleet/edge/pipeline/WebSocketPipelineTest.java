package io.pushfleet.edge.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.AttributeKey;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.WsWire;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebSocket pipeline in an EmbeddedChannel: upgrade, both encodings, bearer auth, limits. */
class WebSocketPipelineTest {

    private static final UserId USER = new UserId(42);
    private static final DeviceId DEVICE = new DeviceId("web-1");

    private final PipelineFixture fx = new PipelineFixture();
    private final EmbeddedChannel ch = fx.ws();
    private final WsWire client = new WsWire(ch);

    @Test
    void answersAuthOkAsJsonTextWhenTheAuthFrameWasText() {
        assertThat(client.upgrade("/ws")).isEqualTo(101);

        client.sendJson(new Frame.Auth(fx.tokens.valid(42, "web-1")));

        WebSocketFrame reply = client.read();
        assertThat(reply).isInstanceOf(TextWebSocketFrame.class);
        assertThat(((TextWebSocketFrame) reply).text()).contains("\"type\":\"auth_ok\"").contains("\"userId\":42");
        reply.release();
        assertThat(fx.routes.route(USER, DEVICE)).isPresent();
    }

    @Test
    void answersInBinaryWhenTheAuthFrameWasBinary() {
        client.upgrade("/ws");

        client.sendBinary(new Frame.Auth(fx.tokens.valid(42, "web-1")));
        client.sendBinary(new Frame.Ping());

        WebSocketFrame authOk = client.read();
        WebSocketFrame pong = client.read();
        assertThat(authOk).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(pong).isInstanceOf(BinaryWebSocketFrame.class);
        authOk.release();
        pong.release();
    }

    @Test
    void answersPingWithPongInJson() {
        client.upgrade("/ws");
        client.sendJson(new Frame.Auth(fx.tokens.valid(42, "web-1")));
        client.readFrame();

        client.sendText("{\"type\":\"ping\"}");

        assertThat(client.readFrame()).isEqualTo(new Frame.Pong());
    }

    // PROTOCOL 3.1: a bearer token on the upgrade replaces the auth frame.
    @Test
    void authenticatesWithABearerTokenOnTheUpgrade() {
        int status = client.upgrade("/ws", "Authorization: Bearer " + fx.tokens.valid(42, "web-1"));

        assertThat(status).isEqualTo(101);
        assertThat(client.readFrame()).isInstanceOf(Frame.AuthOk.class);
        assertThat(fx.routes.route(USER, DEVICE)).isPresent();
        client.sendText("{\"type\":\"ping\"}");
        assertThat(client.readFrame()).isEqualTo(new Frame.Pong());
    }

    @Test
    void closesWithTokenExpiredWhenTheBearerTokenHasExpired() {
        client.upgrade("/ws", "Authorization: Bearer " + fx.tokens.expired(42, "web-1"));

        assertClosedWith(CloseCode.TOKEN_EXPIRED);
    }

    @Test
    void closesWithAuthFailedWhenTheAuthorizationIsNotBearer() {
        client.upgrade("/ws", "Authorization: Basic dXNlcjpwYXNz");

        assertClosedWith(CloseCode.AUTH_FAILED);
    }

    // PROTOCOL 1: tokens never travel in a query string.
    @Test
    void refusesATokenInTheQueryString() {
        int status = client.upgrade("/ws?access_token=" + fx.tokens.valid(42, "web-1"));

        assertThat(status).isEqualTo(400);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(fx.routes.route(USER, DEVICE)).isEmpty();
    }

    @Test
    void answersNotFoundForAnotherPath() {
        assertThat(client.upgrade("/other")).isEqualTo(404);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void answersBadRequestForAPlainGet() {
        int status = client.sendHttp("GET /ws HTTP/1.1\r\nHost: edge.test\r\n\r\n");

        assertThat(status).isEqualTo(400);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void closesWithAuthRequiredWhenTheFirstFrameIsNotAuth() {
        client.upgrade("/ws");

        client.sendText("{\"type\":\"ping\"}");

        assertClosedWith(CloseCode.AUTH_REQUIRED);
    }

    @Test
    void closesWithAuthFailedWhenTheSignatureIsWrong() {
        client.upgrade("/ws");

        client.sendJson(new Frame.Auth(fx.tokens.wronglySigned(42, "web-1")));

        assertClosedWith(CloseCode.AUTH_FAILED);
    }

    @Test
    void closesWithProtocolErrorWhenTheTextIsNotJson() {
        client.upgrade("/ws");

        client.sendText("not json");

        assertClosedWith(CloseCode.PROTOCOL_ERROR);
    }

    // PROTOCOL 4: frame size limit on WebSocket, enforced by the frame decoder.
    @Test
    void closesWithFrameTooLargeWhenAFrameIsOverTheLimit() {
        client.upgrade("/ws");

        client.sendText("{\"type\":\"auth\",\"token\":\"" + "x".repeat(PipelineFixture.MAX_FRAME_BYTES) + "\"}");

        assertClosedWith(CloseCode.FRAME_TOO_LARGE);
    }

    @Test
    void closesWithRateLimitedWhenTooManyFramesArriveInOneSecond() {
        client.upgrade("/ws");
        client.sendJson(new Frame.Auth(fx.tokens.valid(42, "web-1")));
        client.readFrame();

        for (int i = 0; i < PipelineFixture.MAX_FRAMES_PER_SECOND; i++) {
            client.sendText("{\"type\":\"ping\"}");
        }

        assertClosedWith(CloseCode.RATE_LIMITED);
    }

    // RFC 6455 5.5.2: a ping is answered with a pong carrying the same payload; not a protocol frame, not counted.
    @Test
    void answersAWebSocketPingWithAPongOfTheSamePayload() {
        client.upgrade("/ws");
        client.sendJson(new Frame.Auth(fx.tokens.valid(42, "web-1")));
        client.readFrame();

        client.send(new PingWebSocketFrame(Unpooled.copiedBuffer("hb", StandardCharsets.US_ASCII)));

        WebSocketFrame pong = client.read();
        assertThat(pong).isInstanceOf(PongWebSocketFrame.class);
        assertThat(pong.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hb");
        pong.release();
        assertThat(fx.count("edge.frames.in", "transport", "websocket")).isEqualTo(1);
    }

    // RFC 6455 5.5.1: the client's close frame is echoed, then the connection closes (counted as the peer's close).
    @Test
    void echoesTheClientsCloseFrameAndCloses() {
        client.upgrade("/ws");
        client.sendJson(new Frame.Auth(fx.tokens.valid(42, "web-1")));
        client.readFrame();

        client.send(new CloseWebSocketFrame(1000, "bye"));

        WebSocketFrame echo = client.read();
        assertThat(echo).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) echo).statusCode()).isEqualTo(1000);
        echo.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(fx.closes("peer_closed")).isEqualTo(1);
        assertThat(fx.routes.route(USER, DEVICE)).isEmpty();
    }

    // PROTOCOL 4: a fragmented message is joined before decoding; the joiner joins the pipeline only then.
    @Test
    void decodesAMessageSentInFragments() {
        client.upgrade("/ws");
        String auth = "{\"type\":\"auth\",\"token\":\"" + fx.tokens.valid(42, "web-1") + "\"}";
        assertThat(ch.pipeline().get(HandlerNames.WS_AGGREGATOR)).isNull();

        client.send(new TextWebSocketFrame(false, 0, auth.substring(0, 10)));
        client.send(new ContinuationWebSocketFrame(false, 0, auth.substring(10, 20)));
        client.send(new ContinuationWebSocketFrame(true, 0, auth.substring(20)));

        assertThat(client.readFrame()).isInstanceOf(Frame.AuthOk.class);
        assertThat(ch.pipeline().get(HandlerNames.WS_AGGREGATOR)).isNotNull();
        client.sendText("{\"type\":\"ping\"}");
        assertThat(client.readFrame()).isEqualTo(new Frame.Pong());
    }

    // PROTOCOL 4: the frame limit holds for a fragmented message as a whole.
    @Test
    void closesWithFrameTooLargeWhenFragmentsAddUpOverTheLimit() {
        client.upgrade("/ws");
        String half = "x".repeat(PipelineFixture.MAX_FRAME_BYTES / 2 + 1);

        client.send(new TextWebSocketFrame(false, 0, "{\"type\":\"auth\",\"token\":\"" + half));
        client.send(new ContinuationWebSocketFrame(true, 0, half + "\"}"));

        assertClosedWith(CloseCode.FRAME_TOO_LARGE);
    }

    // DESIGN 6: nothing per idle connection beyond the session; every handler is a pipeline slot per connection.
    @Test
    void keepsOnlySixHandlersOnceAuthenticated() {
        client.upgrade("/ws");
        client.sendJson(new Frame.Auth(fx.tokens.valid(42, "web-1")));
        client.readFrame();

        assertThat(ch.pipeline().names()).containsExactly("wsencoder", "wsdecoder", HandlerNames.WS_FRAME_CODEC,
                HandlerNames.SESSION, HandlerNames.MESSAGES, HandlerNames.EXCEPTIONS, "DefaultChannelPipeline$TailContext#0");
        assertThat(ch.attr(AttributeKey.valueOf(WebSocketServerHandshaker.class, "HANDSHAKER")).get()).isNull();
    }

    /** PROTOCOL 5: on WebSocket the close frame carries the code. */
    private void assertClosedWith(CloseCode code) {
        ch.runPendingTasks();
        CloseWebSocketFrame close = null;
        WebSocketFrame f;
        while ((f = client.read()) != null) {
            if (f instanceof CloseWebSocketFrame c) {
                close = c.retain();
            }
            f.release();
        }
        assertThat(close).as("close frame").isNotNull();
        assertThat(close.statusCode()).as("close code of '%s'", close.reasonText()).isEqualTo(code.code());
        assertThat(close.content().readableBytes()).isLessThanOrEqualTo(125);
        close.release();
        assertThat(ch.isOpen()).as("channel open").isFalse();
        assertThat(fx.closes(code.name().toLowerCase(java.util.Locale.ROOT))).isEqualTo(1);
    }

}
