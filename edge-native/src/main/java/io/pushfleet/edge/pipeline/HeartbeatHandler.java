package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.pushfleet.model.frame.Frame;

/**
 * PROTOCOL 3.3: answers {@code ping} with {@code pong}. Liveness itself is tracked by {@code SessionHandler}
 * (any frame counts) and enforced by the sweep. Stateless.
 */
@Sharable
public final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Frame.Pong PONG = new Frame.Pong();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame.Ping) {
            ctx.writeAndFlush(PONG, ctx.voidPromise());
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
