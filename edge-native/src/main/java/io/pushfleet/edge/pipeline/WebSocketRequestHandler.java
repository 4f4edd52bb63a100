package io.pushfleet.edge.pipeline;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.frame.CloseCode;

import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Checks the HTTP request before the WebSocket handshake: the path must be exactly {@link #PATH}, the method
 * GET, and the request a WebSocket upgrade; a token in the query string is refused (PROTOCOL 1: tokens never
 * travel in a query string). Before all that, a client over the per-address connect limit gets 429 with
 * {@code Retry-After}. A refused request gets a short plain-text HTTP error and is closed. A good one is
 * passed on to the handshake and this handler leaves the pipeline. Stateless.
 */
@Sharable
public final class WebSocketRequestHandler extends ChannelInboundHandlerAdapter {

    /** The WebSocket endpoint. */
    public static final String PATH = "/ws";
    private static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token", "jwt", "auth", "authorization");

    private final SessionCloser closer;
    private final ConnectAdmission connects;

    WebSocketRequestHandler(SessionCloser closer, ConnectAdmission connects) {
        this.closer = requireNonNull(closer, "closer");
        this.connects = requireNonNull(connects, "connects");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String problem;
        HttpResponseStatus status;
        try {
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            if (!connects.admit(ctx.channel(), Transport.WEBSOCKET)) {
                status = HttpResponseStatus.TOO_MANY_REQUESTS;
                problem = "too many connects from this address; retry later";
            } else if (!PATH.equals(uri.path())) {
                status = HttpResponseStatus.NOT_FOUND;
                problem = "not found; the WebSocket endpoint is " + PATH;
            } else if (!HttpMethod.GET.equals(req.method())) {
                status = HttpResponseStatus.METHOD_NOT_ALLOWED;
                problem = "method " + req.method() + " (expected: GET)";
            } else if (uri.parameters().keySet().stream().anyMatch(p -> TOKEN_PARAMETERS.contains(p.toLowerCase(Locale.ROOT)))) {
                status = HttpResponseStatus.BAD_REQUEST;
                problem = "tokens are not accepted in the query string; send an auth frame or Authorization: Bearer";
            } else if (!req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                    || !req.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)) {
                status = HttpResponseStatus.BAD_REQUEST;
                problem = "expected a WebSocket upgrade request";
            } else {
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(req);
                return;
            }
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(req);
            throw e;
        }
        reject(ctx, req, status, problem);
    }

    private void reject(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String problem) {
        FullHttpResponse res;
        try {
            res = new DefaultFullHttpResponse(req.protocolVersion(), status, ByteBufUtil.writeUtf8(ctx.alloc(), problem + "\n"));
        } finally {
            req.release();
        }
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        boolean limited = status.equals(HttpResponseStatus.TOO_MANY_REQUESTS);
        if (limited) {
            res.headers().set(HttpHeaderNames.RETRY_AFTER, connects.retryAfterSeconds());
        }
        ctx.write(res);
        Session session = Session.of(ctx.channel());
        if (session != null) {
            // Not upgraded, so the closer flushes the answer above and closes.
            closer.close(session, limited ? CloseCode.RATE_LIMITED : CloseCode.PROTOCOL_ERROR,
                    "HTTP " + status.code() + ": " + problem);
        } else {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
