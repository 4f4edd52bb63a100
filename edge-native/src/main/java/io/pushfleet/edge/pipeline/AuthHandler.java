package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.registry.RouteRegistrar;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionDrain;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.token.TokenClaims;
import io.pushfleet.model.token.TokenException;
import io.pushfleet.model.token.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * PROTOCOL 3.1: authentication. The first frame must be {@code auth} with a valid token, unless the WebSocket
 * upgrade carried {@code Authorization: Bearer <token>}. Anything else first closes with AUTH_REQUIRED; a
 * refused token closes with its code (AUTH_FAILED or TOKEN_EXPIRED). On success the session opens, the client
 * gets {@code auth_ok}, and the route is registered (PROTOCOL 3.2); on a draining node it is then asked to
 * reconnect elsewhere (PROTOCOL 3.5). Then this handler leaves the connection's pipeline, so an authenticated
 * connection does not keep a slot for it: a later {@code auth} is {@link MessageFrameHandler}'s, and
 * {@link SessionHandler} unregisters the route when the connection ends. Stateless.
 */
@Sharable
public final class AuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);
    private static final String BEARER = "bearer ";

    private final NodeId nodeId;
    private final Duration heartbeat;
    private final TokenVerifier verifier;
    private final ConnectionRegistry connections;
    private final RouteRegistrar routes;
    private final SessionCloser closer;
    private final EdgeMetrics metrics;
    private final SessionDrain drain;

    public AuthHandler(NodeId nodeId, Duration heartbeat, TokenVerifier verifier, ConnectionRegistry connections,
                       RouteRegistrar routes, SessionCloser closer, EdgeMetrics metrics, SessionDrain drain) {
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.heartbeat = requireNonNull(heartbeat, "heartbeat");
        this.verifier = requireNonNull(verifier, "verifier");
        this.connections = requireNonNull(connections, "connections");
        this.routes = requireNonNull(routes, "routes");
        this.closer = requireNonNull(closer, "closer");
        this.metrics = requireNonNull(metrics, "metrics");
        this.drain = requireNonNull(drain, "drain");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Session session = Session.of(ctx.channel());
        if (!(msg instanceof Frame frame) || session == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!session.awaitingAuth()) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (frame instanceof Frame.Auth auth) {
            authenticate(ctx, session, auth.token());
        } else {
            ReferenceCountUtil.release(msg);
            metrics.authRequired();
            closer.close(session, CloseCode.AUTH_REQUIRED, "first frame must be auth, got " + frame.type().jsonName());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof HandshakeComplete handshake) {
            Session session = Session.of(ctx.channel());
            String authorization = handshake.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
            if (session != null && authorization != null && session.awaitingAuth()) {
                if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                    authenticate(ctx, session, authorization.substring(BEARER.length()).trim());
                } else {
                    metrics.authFailed(TokenException.Reason.MALFORMED);
                    closer.close(session, CloseCode.AUTH_FAILED, "Authorization: expected the Bearer scheme");
                }
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void authenticate(ChannelHandlerContext ctx, Session session, String token) {
        TokenClaims claims;
        try {
            claims = verifier.verify(token);
        } catch (TokenException e) {
            metrics.authFailed(e.reason());
            log.debug("auth refused connId={} reason={} detail={}", session.connId(), e.reason(), e.getMessage());
            closer.close(session, e.closeCode(), "token refused: " + e.reason().name().toLowerCase(Locale.ROOT));
            return;
        }
        session.authenticate(claims.userId(), claims.deviceId(), ctx.channel().eventLoop().ticker().nanoTime());
        connections.authenticated(session);
        metrics.authSucceeded();
        log.debug("authenticated connId={} userId={} deviceId={}", session.connId(), claims.userId(), claims.deviceId());
        ctx.writeAndFlush(new Frame.AuthOk(claims.userId(), claims.deviceId(), nodeId, heartbeat), ctx.voidPromise());
        routes.register(session);
        drain.authenticated(session);
        ctx.pipeline().remove(this);
    }
}
