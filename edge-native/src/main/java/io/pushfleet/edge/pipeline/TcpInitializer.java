package io.pushfleet.edge.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.pushfleet.edge.session.Transport;

import static java.util.Objects.requireNonNull;

/**
 * Builds the raw TCP pipeline: length-prefixed binary frames in and out, then the shared frame handlers. A
 * connection over the per-address connect limit is closed at once, before any handler or session exists.
 */
public final class TcpInitializer extends ChannelInitializer<Channel> {

    private final EdgeHandlers h;

    public TcpInitializer(EdgeHandlers handlers) {
        this.h = requireNonNull(handlers, "handlers");
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!h.connects.admit(ch, Transport.TCP)) {
            ch.close();
            return;
        }
        ch.pipeline()
                .addLast(HandlerNames.TCP_FRAME_DECODER, new TcpFrameDecoder(h.binaryCodec, h.limits.maxFrameBytes(), h.closer))
                .addLast(HandlerNames.TCP_FRAME_ENCODER, h.tcpFrameEncoder)
                .addLast(HandlerNames.SESSION, h.tcpSession)
                .addLast(HandlerNames.AUTH, h.auth)
                .addLast(HandlerNames.MESSAGES, h.messages)
                .addLast(HandlerNames.EXCEPTIONS, h.exceptions);
    }
}
