package io.pushfleet.bench.storm;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.model.frame.Frame;

/**
 * The one handler of every storm connection, last in the pipeline: on TCP it gets length-delimited binary
 * frames, on WebSocket the frames after the upgrade. Sends {@code auth} once the upgrade is done, counts
 * {@code auth_ok} and pushes (acking those that ask), and keeps the edge's close code as the reason of the
 * close that follows.
 */
@ChannelHandler.Sharable
final class StormHandler extends ChannelInboundHandlerAdapter {

    static final AttributeKey<StormClients.Conn> CONN = AttributeKey.valueOf("pushfleet.storm.conn");

    private final StormClients clients;

    StormHandler(StormClients clients) {
        this.clients = clients;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        StormClients.Conn conn = ctx.channel().attr(CONN).get();
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            clients.sendAuth(ctx.channel(), conn); // PROTOCOL 3.1: auth is the first frame
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            conn.reason = "websocket upgrade timeout";
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        StormClients.Conn conn = ctx.channel().attr(CONN).get();
        try {
            Frame frame = switch (msg) {
                case ByteBuf buf -> clients.decodeBinary(buf);
                case TextWebSocketFrame text -> clients.decodeText(text.text());
                case BinaryWebSocketFrame bin -> clients.decodeBinary(bin.content());
                case CloseWebSocketFrame close -> {
                    // PROTOCOL 5: the close code says why the edge ends the connection.
                    conn.reason = FailureReasons.closeCode(close.statusCode());
                    ctx.close();
                    yield null;
                }
                case WebSocketFrame ignored -> null; // ping and pong frames: nothing to do
                default -> throw new IllegalStateException("unexpected message " + msg.getClass().getSimpleName());
            };
            if (frame != null) {
                onFrame(ctx, conn, frame, now);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, StormClients.Conn conn, Frame frame, long now) {
        switch (frame) {
            case Frame.AuthOk ok -> clients.authenticated(conn, ok, now);
            case Frame.Push push -> {
                clients.pushed(push.msgId().value(), now);
                if (push.needsAck()) {
                    ctx.writeAndFlush(clients.ack(push.msgId()), ctx.voidPromise());
                }
            }
            // PROTOCOL 5: on TCP an error frame below 4100 precedes the close; keep it as the reason.
            case Frame.Error error -> {
                if (error.code() < 4100) {
                    conn.reason = FailureReasons.closeCode(error.code());
                }
            }
            case Frame.Reconnect r -> conn.reason = "reconnect requested";
            default -> {
                // pong and receipts: nothing to count
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clients.ended(ctx.channel().attr(CONN).get());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        StormClients.Conn conn = ctx.channel().attr(CONN).get();
        if (conn.reason == null) {
            conn.reason = FailureReasons.of(cause);
        }
        ctx.close();
    }
}
