package io.pushfleet.edge.pipeline;

import io.netty.channel.Channel;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.edge.session.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The per-address connect limit as the pipelines apply it: asks the {@link ConnectLimiter}, and counts each
 * refusal in {@code edge_connects_limited_total{transport}} with one log line per interval (a connection
 * storm is thousands of refusals a second). What a refused connection is told is up to the caller: TCP is
 * closed at once, WebSocket answered 429 before the upgrade.
 */
final class ConnectAdmission {

    private static final Logger log = LoggerFactory.getLogger(ConnectAdmission.class);

    private final ConnectLimiter limiter;
    private final EdgeMetrics metrics;
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10));

    ConnectAdmission(ConnectLimiter limiter, EdgeMetrics metrics) {
        this.limiter = requireNonNull(limiter, "limiter");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** Whether {@code ch}, a new connection, may stay; counts and logs it when not. */
    boolean admit(Channel ch, Transport transport) {
        if (limiter.tryAcquire(ch.remoteAddress())) {
            return true;
        }
        metrics.connectLimited(transport);
        long held = throttle.admit();
        if (held >= 0) {
            log.warn("connect refused: too many connects from {} ({} more refused since the last line)",
                    ch.remoteAddress(), held);
        }
        return false;
    }

    long retryAfterSeconds() {
        return limiter.retryAfterSeconds();
    }
}
