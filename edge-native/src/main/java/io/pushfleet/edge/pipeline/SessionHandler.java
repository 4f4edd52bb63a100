package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.registry.RouteRegistrar;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;

import static java.util.Objects.requireNonNull;

/**
 * A connection's life around its {@link Session}: creates and registers it when the channel becomes active,
 * unregisters it (and its route, once authenticated) and reports the close when it becomes inactive. On every inbound frame it refreshes the
 * session's last-seen time (PROTOCOL 3.3) and enforces the frames-per-second limit (PROTOCOL 4); frames of a
 * closing session are dropped here. Also tracks writability (for the slow-consumer check of the sweep) and
 * marks WebSocket sessions upgraded. Stateless: one instance per transport.
 */
@Sharable
public final class SessionHandler extends ChannelInboundHandlerAdapter {

    private final Transport transport;
    private final ConnectionRegistry connections;
    private final SessionSweeper sweeper;
    private final RouteRegistrar routes;
    private final SessionCloser closer;
    private final EdgeMetrics metrics;
    private final int maxFramesPerSecond;

    public SessionHandler(Transport transport, ConnectionRegistry connections, SessionSweeper sweeper,
                          RouteRegistrar routes, SessionCloser closer, EdgeMetrics metrics, int maxFramesPerSecond) {
        this.transport = requireNonNull(transport, "transport");
        this.connections = requireNonNull(connections, "connections");
        this.sweeper = requireNonNull(sweeper, "sweeper");
        this.routes = requireNonNull(routes, "routes");
        this.closer = requireNonNull(closer, "closer");
        this.metrics = requireNonNull(metrics, "metrics");
        this.maxFramesPerSecond = maxFramesPerSecond;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Session session = Session.attach(ctx.channel(), connections.nextConnId(), transport, now(ctx));
        connections.opened();
        sweeper.add(session);
        metrics.connected(transport);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Session session = Session.of(ctx.channel());
        if (session == null || session.closing()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        long now = now(ctx);
        metrics.frameIn(transport);
        session.touch(now);
        if (!session.countFrame(now, maxFramesPerSecond)) {
            closer.close(session, CloseCode.RATE_LIMITED, "more than " + maxFramesPerSecond + " frames in one second");
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        if (session != null) {
            session.writability(ctx.channel().isWritable(), now(ctx));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            Session session = Session.of(ctx.channel());
            if (session != null) {
                session.markUpgraded();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = Session.of(ctx.channel());
        if (session != null) {
            sweeper.remove(session);
            connections.closed(session);
            if (session.authenticated()) {
                routes.unregister(session);
            }
            closer.closed(session);
        }
        ctx.fireChannelInactive();
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.channel().eventLoop().ticker().nanoTime();
    }
}
