package io.pushfleet.edge.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.frame.Frame;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Encodes a {@code Frame} with the binary codec behind its 4-byte length prefix (PROTOCOL 1). Stateless. */
@Sharable
public final class TcpFrameEncoder extends MessageToMessageEncoder<Frame> {

    private final FrameCodec codec;
    private final EdgeMetrics metrics;

    public TcpFrameEncoder(FrameCodec codec, EdgeMetrics metrics) {
        super(Frame.class);
        this.codec = requireNonNull(codec, "codec");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        byte[] bytes = codec.encode(frame);
        ByteBuf buf = ctx.alloc().ioBuffer(BinaryCodec.LENGTH_PREFIX_BYTES + bytes.length);
        buf.writeInt(bytes.length).writeBytes(bytes);
        out.add(buf);
        metrics.frameOut(Transport.TCP);
    }
}
