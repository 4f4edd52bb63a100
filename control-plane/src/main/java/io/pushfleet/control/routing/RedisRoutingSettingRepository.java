package io.pushfleet.control.routing;

import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RoutingSettingRepository} on the Redis hash {@link RedisKeys#ROUTING_SETTING}. A write is one Lua
 * script, so the version bump and the new values land together: of two racing writes the later one has the
 * higher version and its values. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class RedisRoutingSettingRepository implements RoutingSettingRepository {

    private static final String WRITE = """
            local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
            redis.call('HSET', KEYS[1], 'strategy', ARGV[1], 'weights', ARGV[2], 'updatedAt', ARGV[3])
            return version""";

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final Clock clock;

    public RedisRoutingSettingRepository(RedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.clock = clock;
    }

    @Override
    public Optional<RoutingSetting> read() {
        Map<String, String> fields = hashes.hgetall(RedisKeys.ROUTING_SETTING);
        if (fields == null || fields.isEmpty()) {
            return Optional.empty();
        }
        String strategyName = fields.get("strategy");
        SelectionStrategy strategy = SelectionStrategy.fromConfigName(strategyName).orElseThrow(() ->
                new IllegalArgumentException(RedisKeys.ROUTING_SETTING + ": strategy '" + strategyName + "' (expected: one of "
                        + SelectionStrategy.NAMES + ")"));
        long version;
        try {
            version = Long.parseLong(fields.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            version = 0;
        }
        if (version < 1) {
            throw new IllegalArgumentException(RedisKeys.ROUTING_SETTING + ": version '" + fields.get("version")
                    + "' (expected: an integer >= 1)");
        }
        return Optional.of(new RoutingSetting(strategy, NodeWeights.parse(fields.get("weights")), version));
    }

    @Override
    public RoutingSetting write(SelectionStrategy strategy, NodeWeights weights) {
        long version = redis.execute("EVAL", WRITE, "1", RedisKeys.ROUTING_SETTING, strategy.configName(),
                weights.toText(), Long.toString(clock.millis())).toLong();
        return new RoutingSetting(strategy, weights, version);
    }
}
