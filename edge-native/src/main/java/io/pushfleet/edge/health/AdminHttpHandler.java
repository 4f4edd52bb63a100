package io.pushfleet.edge.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The admin HTTP endpoints: {@code GET /health/live} (200 while the process runs), {@code GET /health/ready}
 * (200 when {@link Readiness} says so, else 503 with a JSON reason) and {@code GET /metrics} (Prometheus
 * text). Anything else is 404 or 405. Stateless.
 */
@Sharable
public final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Readiness readiness;
    private final PrometheusMeterRegistry prometheus;

    public AdminHttpHandler(Readiness readiness, PrometheusMeterRegistry prometheus) {
        this.readiness = requireNonNull(readiness, "readiness");
        this.prometheus = requireNonNull(prometheus, "prometheus");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        if (!HttpMethod.GET.equals(req.method())) {
            respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, JSON, "{\"error\":\"method not allowed\"}");
            return;
        }
        switch (path) {
            case "/health/live" -> respond(ctx, req, HttpResponseStatus.OK, JSON, "{\"status\":\"UP\"}");
            case "/health/ready" -> {
                String reason = readiness.notReadyReason();
                if (reason == null) {
                    respond(ctx, req, HttpResponseStatus.OK, JSON, "{\"status\":\"READY\"}");
                } else {
                    respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, JSON,
                            "{\"status\":\"NOT_READY\",\"reason\":\"" + reason + "\"}");
                }
            }
            case "/metrics" -> respond(ctx, req, HttpResponseStatus.OK, PROMETHEUS_TEXT, prometheus.scrape());
            default -> respond(ctx, req, HttpResponseStatus.NOT_FOUND, JSON, "{\"error\":\"not found\"}");
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String contentType, String body) {
        ByteBuf content = ByteBufUtil.writeUtf8(ctx.alloc(), body);
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            if (!req.protocolVersion().isKeepAliveDefault()) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection failed: {}", cause.toString());
        ctx.close();
    }
}
