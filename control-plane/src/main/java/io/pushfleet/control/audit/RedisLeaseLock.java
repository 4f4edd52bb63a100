package io.pushfleet.control.audit;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * {@link LeaseLock} on one Redis key holding the holder's token with a TTL. Taking, renewing and releasing are
 * Lua scripts that compare the token first, so a holder whose lease ran out (a long pause) can neither renew
 * nor delete the lease another holder took meanwhile. One key, so it works on Redis Cluster.
 */
public final class RedisLeaseLock implements LeaseLock {

    /** KEYS[1] = lock, ARGV[1] = token, ARGV[2] = lease millis. 1 when the caller holds the lease afterwards. */
    static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == false then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;

    /** KEYS[1] = lock, ARGV[1] = token. Deletes the lock only while it holds the token. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisDataSource redis;
    private final String key;
    private final String token;
    private final String leaseMillis;

    public RedisLeaseLock(RedisDataSource redis, String key, String token, Duration lease) {
        this.redis = requireNonNull(redis, "redis");
        this.key = requireNonNull(key, "key");
        this.token = requireNonNull(token, "token");
        this.leaseMillis = Long.toString(requireNonNull(lease, "lease").toMillis());
    }

    @Override
    public boolean hold() {
        Response held = redis.execute("EVAL", HOLD, "1", key, token, leaseMillis);
        return held != null && held.toLong() == 1;
    }

    @Override
    public void release() {
        redis.execute("EVAL", RELEASE, "1", key, token);
    }
}
