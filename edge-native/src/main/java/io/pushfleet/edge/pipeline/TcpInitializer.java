package io.pushfleet.edge.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

import static java.util.Objects.requireNonNull;

/** Builds the raw TCP pipeline: length-prefixed binary frames in and out, then the shared frame handlers. */
public final class TcpInitializer extends ChannelInitializer<Channel> {

    private final EdgeHandlers h;

    public TcpInitializer(EdgeHandlers handlers) {
        this.h = requireNonNull(handlers, "handlers");
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(HandlerNames.TCP_FRAME_DECODER, new TcpFrameDecoder(h.binaryCodec, h.limits.maxFrameBytes(), h.closer))
                .addLast(HandlerNames.TCP_FRAME_ENCODER, h.tcpFrameEncoder)
                .addLast(HandlerNames.SESSION, h.tcpSession)
                .addLast(HandlerNames.AUTH, h.auth)
                .addLast(HandlerNames.HEARTBEAT, h.heartbeat)
                .addLast(HandlerNames.MESSAGES, h.messages)
                .addLast(HandlerNames.EXCEPTIONS, h.exceptions);
    }
}
