package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.edge.chat.ChatService;
import io.pushfleet.edge.delivery.AckBatcher;
import io.pushfleet.edge.session.Session;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The client's frames after authentication. PROTOCOL 3.3: {@code ping} is answered with {@code pong} (liveness
 * itself is tracked by {@link SessionHandler}, any frame counts, and enforced by the sweep). PROTOCOL 3.4:
 * {@code send} and {@code uplink} go to the {@link ChatService}, which answers with a receipt; {@code ack} goes
 * to the node's {@link AckBatcher}. A second {@code auth} or a server-to-client frame type from a client is
 * answered with a non-fatal 4100. Stateless.
 */
@Sharable
public final class MessageFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(MessageFrameHandler.class);
    private static final Frame.Pong PONG = new Frame.Pong();

    private final ChatService chat;
    private final AckBatcher acks;

    public MessageFrameHandler(ChatService chat, AckBatcher acks) {
        this.chat = requireNonNull(chat, "chat");
        this.acks = requireNonNull(acks, "acks");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Session session = Session.of(ctx.channel());
        if (!(msg instanceof Frame frame) || session == null || !session.authenticated()) {
            // AuthHandler lets nothing else through; anything here is a wiring fault.
            log.debug("dropped unexpected inbound {}", msg.getClass().getSimpleName());
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (frame) {
            case Frame.Ping ignored -> ctx.writeAndFlush(PONG, ctx.voidPromise());
            case Frame.Send f -> chat.send(session, f);
            case Frame.Uplink f -> chat.uplink(session, f);
            case Frame.Ack f -> acks.add(session.userId(), f.msgId());
            case Frame.Auth ignored -> ctx.writeAndFlush(new Frame.Error(CloseCode.UNEXPECTED_FRAME, "already authenticated"),
                    ctx.voidPromise());
            default -> ctx.writeAndFlush(new Frame.Error(CloseCode.UNEXPECTED_FRAME,
                    frame.type().jsonName() + " is a server-to-client frame"), ctx.voidPromise());
        }
    }
}
