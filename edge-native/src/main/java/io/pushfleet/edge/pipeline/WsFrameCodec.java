package io.pushfleet.edge.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.edge.session.WireEncoding;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * WebSocket frames to {@code Frame}s and back (PROTOCOL 1), and the WebSocket control frames, in one shared
 * handler so an idle connection pays for one pipeline slot. Inbound: text frames with the JSON mapping,
 * binary frames with the binary codec; while the connection awaits auth, the frame's encoding becomes the
 * session's reply encoding. A ping is answered with a pong carrying its payload, a pong is dropped, a close
 * frame is echoed and the connection closed (RFC 6455 5.5). Outbound: a {@code Frame} in the session's
 * encoding, JSON in a text frame or binary in a binary frame.
 *
 * <p>Fragmented messages are rare, so the aggregator that joins them (up to the frame limit) is added to the
 * pipeline only when a connection sends its first fragment, and stays for that connection. Stateless: the
 * "corrupt" mark is the session's closing state. The superclass releases every inbound frame.
 */
@Sharable
public final class WsFrameCodec extends MessageToMessageCodec<WebSocketFrame, Frame> {

    private final FrameCodec json;
    private final FrameCodec binary;
    private final SessionCloser closer;
    private final EdgeMetrics metrics;
    private final int maxFrameBytes;

    public WsFrameCodec(FrameCodec json, FrameCodec binary, SessionCloser closer, EdgeMetrics metrics, int maxFrameBytes) {
        super(WebSocketFrame.class, Frame.class);
        this.json = requireNonNull(json, "json");
        this.binary = requireNonNull(binary, "binary");
        this.closer = requireNonNull(closer, "closer");
        this.metrics = requireNonNull(metrics, "metrics");
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) throws Exception {
        Session session = Session.of(ctx.channel());
        if (session == null || session.closing()) {
            return;
        }
        switch (frame) {
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()), ctx.voidPromise());
            case PongWebSocketFrame ignored -> {
                // Unsolicited pongs are allowed (RFC 6455 5.5.3); liveness is the protocol's own ping.
            }
            case CloseWebSocketFrame close ->
                    ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            case TextWebSocketFrame text when !text.isFinalFragment() -> aggregate(ctx, text);
            case BinaryWebSocketFrame data when !data.isFinalFragment() -> aggregate(ctx, data);
            case TextWebSocketFrame text -> decode(session, WireEncoding.JSON, text.content(), out);
            case BinaryWebSocketFrame data -> decode(session, WireEncoding.BINARY, data.content(), out);
            default -> protocolViolation(session, CloseCode.PROTOCOL_ERROR,
                    "WebSocket frame: " + frame.getClass().getSimpleName() + " (expected: text or binary)");
        }
    }

    private void decode(Session session, WireEncoding encoding, ByteBuf content, List<Object> out) {
        try {
            out.add((encoding == WireEncoding.JSON ? json : binary).decode(content.nioBuffer()));
            session.encoding(encoding);
        } catch (ProtocolException e) {
            protocolViolation(session, e.closeCode(), e.getMessage());
        }
    }

    /**
     * The first fragment of a message: puts the aggregator just before this handler and hands it the fragment;
     * it passes the whole message here when the last fragment came, or fails with FRAME_TOO_LARGE past the limit.
     */
    private void aggregate(ChannelHandlerContext ctx, WebSocketFrame first) throws Exception {
        WebSocketFrameAggregator aggregator = new WebSocketFrameAggregator(maxFrameBytes);
        ctx.pipeline().addBefore(ctx.name(), HandlerNames.WS_AGGREGATOR, aggregator);
        aggregator.channelRead(ctx.pipeline().context(aggregator), first.retain());
    }

    /** The one exit for bad input: the session starts closing (so later input is dropped above) with the code. */
    private void protocolViolation(Session session, CloseCode code, String reason) {
        closer.close(session, code, reason);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        Session session = Session.of(ctx.channel());
        boolean asBinary = session != null && session.encoding() == WireEncoding.BINARY;
        byte[] bytes = (asBinary ? binary : json).encode(frame);
        ByteBuf buf = ctx.alloc().ioBuffer(bytes.length).writeBytes(bytes);
        out.add(asBinary ? new BinaryWebSocketFrame(buf) : new TextWebSocketFrame(buf));
        metrics.frameOut(Transport.WEBSOCKET);
    }
}
