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
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.frame.CloseCode;

import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Checks the HTTP request and does the WebSocket handshake: the path must be exactly {@link #PATH}, the method
 * GET, and the request a WebSocket upgrade; a token in the query string is refused (PROTOCOL 1: tokens never
 * travel in a query string). Before all that, a client over the per-address connect limit gets 429 with
 * {@code Retry-After}. A refused request gets a short plain-text HTTP error and is closed. A good one gets
 * Netty's handshake (which swaps the HTTP handlers for the WebSocket frame decoder and encoder), this handler
 * leaves the pipeline, and a {@link HandshakeComplete} event carries the request headers to the handlers
 * behind. The handshaker is not kept: control frames are answered by {@link WsFrameCodec}, so nothing of
 * the handshake stays with the connection. Stateless.
 */
@Sharable
public final class WebSocketRequestHandler extends ChannelInboundHandlerAdapter {

    /** The WebSocket endpoint. */
    public static final String PATH = "/ws";
    private static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token", "jwt", "auth", "authorization");

    private final SessionCloser closer;
    private final ConnectAdmission connects;
    private final WebSocketServerHandshakerFactory handshakers;

    WebSocketRequestHandler(SessionCloser closer, ConnectAdmission connects, WebSocketDecoderConfig decoderConfig) {
        this.closer = requireNonNull(closer, "closer");
        this.connects = requireNonNull(connects, "connects");
        // The location only matters to the long-gone draft-00 handshake; one constant string for all connections.
        this.handshakers = new WebSocketServerHandshakerFactory(PATH, null, requireNonNull(decoderConfig, "decoderConfig"));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpResponseStatus status;
        String problem;
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
                status = null;
                problem = null;
            }
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(req);
            throw e;
        }
        if (status == null) {
            ctx.pipeline().remove(this);
            handshake(ctx, req);
        } else {
            reject(ctx, req, status, problem);
        }
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            WebSocketServerHandshaker handshaker = handshakers.newHandshaker(req);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                closeRefused(ctx, false, "HTTP 426: unsupported WebSocket version");
                return;
            }
            HandshakeComplete complete = new HandshakeComplete(req.uri(), req.headers(), null);
            handshaker.handshake(ctx.channel(), req).addListener(done -> {
                // From the head: this handler has left the pipeline and the handshake changed the handlers before it.
                if (done.isSuccess()) {
                    ctx.channel().pipeline().fireUserEventTriggered(complete);
                } else {
                    ctx.channel().pipeline().fireExceptionCaught(done.cause());
                }
            });
        } finally {
            req.release();
        }
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
        closeRefused(ctx, limited, "HTTP " + status.code() + ": " + problem);
    }

    /** Closes a connection whose upgrade was refused, once the HTTP answer already written is flushed. */
    private void closeRefused(ChannelHandlerContext ctx, boolean limited, String reason) {
        Session session = Session.of(ctx.channel());
        if (session != null) {
            // Not upgraded, so the closer flushes the answer and closes.
            closer.close(session, limited ? CloseCode.RATE_LIMITED : CloseCode.PROTOCOL_ERROR, reason);
        } else {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
