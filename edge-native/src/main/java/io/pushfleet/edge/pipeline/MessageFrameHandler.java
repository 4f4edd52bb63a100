package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's message frames. Until delivery lands (next issue), PROTOCOL 3.4: {@code send}, {@code uplink}
 * and {@code ack} are answered with a non-fatal {@code error} 4101 and the connection stays open. A
 * server-to-client frame type from a client is answered with a non-fatal 4100. Stateless.
 */
@Sharable
public final class MessageFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MessageFrameHandler.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame)) {
            log.debug("dropped unexpected inbound {}", msg.getClass().getSimpleName());
            ReferenceCountUtil.release(msg);
            return;
        }
        Frame.Error reply = switch (frame) {
            case Frame.Send f -> notYet(f);
            case Frame.Uplink f -> notYet(f);
            case Frame.Ack f -> notYet(f);
            default -> new Frame.Error(CloseCode.UNEXPECTED_FRAME,
                    frame.type().jsonName() + " is a server-to-client frame");
        };
        ctx.writeAndFlush(reply, ctx.voidPromise());
    }

    private static Frame.Error notYet(Frame frame) {
        return new Frame.Error(CloseCode.REJECTED, frame.type().jsonName() + " is not available yet");
    }
}
