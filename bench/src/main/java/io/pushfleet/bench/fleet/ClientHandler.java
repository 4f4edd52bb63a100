package io.pushfleet.bench.fleet;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.AttributeKey;
import io.pushfleet.model.frame.Frame;

/**
 * The one handler of every {@link NettyFleet} channel, after the length-field decoder: decodes a frame,
 * timestamps it, and hands it to the fleet. Acks a push that asks for it, after the listener saw it.
 */
@ChannelHandler.Sharable
final class ClientHandler extends SimpleChannelInboundHandler<ByteBuf> {

    static final AttributeKey<NettyFleet.ClientState> STATE = AttributeKey.valueOf("pushfleet.bench.client");

    private final NettyFleet fleet;

    ClientHandler(NettyFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        long now = System.nanoTime();
        NettyFleet.ClientState state = ctx.channel().attr(STATE).get();
        switch (fleet.decode(frame)) {
            case Frame.AuthOk ok -> fleet.authenticated(state, ok);
            case Frame.Push push -> {
                fleet.currentListener().onPush(state.index, push, now);
                if (push.needsAck()) {
                    ctx.writeAndFlush(fleet.encode(new Frame.Ack(push.msgId())), ctx.voidPromise());
                }
            }
            case Frame.Receipt receipt -> fleet.currentListener().onReceipt(state.index, receipt, now);
            case Frame.Pong ignored -> {
                // the answer to a heartbeat: nothing to do, the edge saw the ping
            }
            // PROTOCOL 5: on TCP an error frame below 4100 precedes the close; keep it as the reason.
            case Frame.Error error -> state.lastError = "error " + error.code() + " " + error.message();
            case Frame.Reconnect r -> state.lastError = "reconnect requested: " + r.reason();
            default -> {
                state.lastError = "unexpected frame " + frame;
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        NettyFleet.ClientState state = ctx.channel().attr(STATE).get();
        if (state != null) {
            String why = state.lastError;
            fleet.ended(state, why != null ? why : "connection closed by the edge");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyFleet.ClientState state = ctx.channel().attr(STATE).get();
        if (state != null && state.lastError == null) {
            state.lastError = cause.toString();
        }
        ctx.close();
    }
}
