package io.pushfleet.control.auth;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * {@link AttemptCounter} in Redis: one counter key per subject, counted and given its TTL by one Lua script,
 * so a counter can never be left without expiry (which would lock its subject out for good) and two control
 * planes never both open a window.
 */
@ApplicationScoped
public class RedisAttemptCounter implements AttemptCounter {

    /** KEYS[1] = counter, ARGV[1] = window in ms; returns {count, ms until the window ends}. */
    static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """;

    private final RedisDataSource redis;

    public RedisAttemptCounter(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Window hit(String key, Duration window) {
        Response reply = redis.execute("EVAL", HIT, "1", key, Long.toString(window.toMillis()));
        return new Window(reply.get(0).toLong(), Duration.ofMillis(reply.get(1).toLong()));
    }
}
