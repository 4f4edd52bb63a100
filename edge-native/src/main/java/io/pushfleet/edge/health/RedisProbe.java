package io.pushfleet.edge.health;

import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Whether Redis answered the last {@code PING}. {@link #probe()} is called periodically off the event
 * loops; readiness reads the cached answer, so a health request never waits for Redis. Thread-safe.
 */
public final class RedisProbe {

    private static final Logger log = LoggerFactory.getLogger(RedisProbe.class);

    private final RedisAsyncCommands<String, String> redis;
    private volatile boolean reachable;
    private volatile boolean probed;

    public RedisProbe(RedisAsyncCommands<String, String> redis) {
        this.redis = requireNonNull(redis, "redis");
    }

    public boolean reachable() {
        return reachable;
    }

    public void probe() {
        redis.ping().whenComplete((pong, error) -> {
            boolean ok = error == null;
            if (!ok && (reachable || !probed)) {
                log.warn("Redis unreachable: {}", error.toString());
            } else if (ok && !reachable && probed) {
                log.info("Redis reachable again");
            }
            reachable = ok;
            probed = true;
        });
    }
}
