package io.pushfleet.edge.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.edge.session.WireEncoding;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.frame.Frame;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Encodes a {@code Frame} into a WebSocket data frame in the session's encoding: JSON in a text frame or
 * binary in a binary frame (PROTOCOL 1: replies use the encoding the client authenticated with). Stateless.
 */
@Sharable
public final class WsFrameEncoder extends MessageToMessageEncoder<Frame> {

    private final FrameCodec json;
    private final FrameCodec binary;
    private final EdgeMetrics metrics;

    public WsFrameEncoder(FrameCodec json, FrameCodec binary, EdgeMetrics metrics) {
        super(Frame.class);
        this.json = requireNonNull(json, "json");
        this.binary = requireNonNull(binary, "binary");
        this.metrics = requireNonNull(metrics, "metrics");
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
