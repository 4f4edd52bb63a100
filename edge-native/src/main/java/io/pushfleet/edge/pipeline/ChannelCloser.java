package io.pushfleet.edge.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The one place connections are closed. {@link #close} announces the code the transport's way (PROTOCOL 5):
 * a WebSocket close frame with the code and reason, an {@code error} frame on TCP, nothing on a WebSocket
 * connection that never upgraded (its HTTP answer, if any, was written before). The channel closes once the
 * farewell is written; a connection that cannot take it (not writable) is closed at once, and one whose
 * farewell hangs is closed hard by the sweep after the close grace. {@link #closed} logs and counts every
 * finished connection exactly once, including those the client closed. Thread-safe.
 */
public final class ChannelCloser implements SessionCloser {

    private static final Logger log = LoggerFactory.getLogger(ChannelCloser.class);
    /** A WebSocket close frame's payload is at most 125 bytes: 2 for the code, the rest for the reason. */
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final EdgeMetrics metrics;

    public ChannelCloser(EdgeMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public void close(Session session, CloseCode code, String reason) {
        if (!code.fatal()) {
            throw new IllegalArgumentException("code: " + code + " (expected: a fatal code, < 4100)");
        }
        Channel ch = session.channel();
        EventLoop loop = ch.eventLoop();
        if (!loop.inEventLoop()) {
            loop.execute(() -> close(session, code, reason));
            return;
        }
        if (!session.beginClose(code, reason, loop.ticker().nanoTime())) {
            return;
        }
        if (!ch.isActive()) {
            ch.close();
            return;
        }
        Object farewell = farewell(session, code, reason);
        if (!ch.isWritable()) {
            ReferenceCountUtil.release(farewell);
            ch.close();
            return;
        }
        ch.writeAndFlush(farewell).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void forceClose(Session session) {
        session.channel().close();
    }

    @Override
    public void closed(Session session) {
        Channel ch = session.channel();
        long now = ch.eventLoop().ticker().nanoTime();
        session.peerClosed(now);
        CloseCode code = session.closeCode();
        metrics.closed(code);
        if (log.isDebugEnabled()) {
            log.debug("connection closed connId={} userId={} deviceId={} transport={} reason={} detail={} aliveMs={}",
                    session.connId(), session.userId(), session.deviceId(), session.transport().tag(),
                    EdgeMetrics.tag(code), session.closeReason(), TimeUnit.NANOSECONDS.toMillis(session.ageNanos(now)));
        }
    }

    private static Object farewell(Session session, CloseCode code, String reason) {
        String text = reason == null ? code.name() : reason;
        if (session.transport() == Transport.TCP) {
            return new Frame.Error(code, truncateChars(text, Frame.MAX_TEXT));
        }
        if (session.upgraded()) {
            return new CloseWebSocketFrame(code.code(), truncateUtf8(text, MAX_CLOSE_REASON_BYTES));
        }
        // Not upgraded yet: flush whatever HTTP answer was written, then close.
        return Unpooled.EMPTY_BUFFER;
    }

    private static String truncateChars(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    static String truncateUtf8(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        int end = Math.min(text.length(), maxBytes);
        while (end > 0 && text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
