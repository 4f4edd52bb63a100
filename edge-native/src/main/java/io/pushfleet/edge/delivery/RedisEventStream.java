package io.pushfleet.edge.delivery;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static java.util.Objects.requireNonNull;

/**
 * {@link EventStream} on Redis: {@code XADD stream:events MAXLEN ~ 1000000} on the node's shared
 * asynchronous connection. Trimming is approximate (whole radix-tree nodes), which keeps XADD O(1).
 */
public final class RedisEventStream implements EventStream {

    /** About this many entries are kept; the control plane's consumer group reads far faster than that fills. */
    public static final long MAX_LENGTH = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(RedisEventStream.class);

    private final RedisAsyncCommands<String, String> redis;
    private final EdgeMetrics metrics;
    private final LogThrottle failures = new LogThrottle(Duration.ofSeconds(10));
    private final XAddArgs trim = XAddArgs.Builder.maxlen(MAX_LENGTH).approximateTrimming();

    public RedisEventStream(RedisAsyncCommands<String, String> redis, EdgeMetrics metrics) {
        this.redis = requireNonNull(redis, "redis");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public CompletionStage<Void> publish(FleetEvent event) {
        Map<String, String> fields = event.toFields();
        String type = fields.get(FleetEvent.TYPE);
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            redis.xadd(RedisKeys.EVENTS_STREAM, trim, fields).whenComplete((id, error) -> {
                if (error == null) {
                    metrics.event(type, true);
                    result.complete(null);
                } else {
                    failed(type, error);
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            failed(type, e);
            result.completeExceptionally(e);
        }
        return result;
    }

    private void failed(String type, Throwable error) {
        metrics.event(type, false);
        long held = failures.admit();
        if (held >= 0) {
            log.warn("events stream append failed type={} (and {} more since the last report): {}", type, held, error.toString());
        }
    }
}
