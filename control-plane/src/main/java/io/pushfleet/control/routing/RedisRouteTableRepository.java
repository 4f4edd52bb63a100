package io.pushfleet.control.routing;

import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** {@link RouteTableRepository} on Redis: one {@code HGETALL} per user. Blocking: call from a worker thread. */
@ApplicationScoped
public class RedisRouteTableRepository implements RouteTableRepository {

    private final HashCommands<String, String, String> hashes;

    public RedisRouteTableRepository(RedisDataSource redis) {
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    @Override
    public Map<String, String> routes(UserId userId) {
        return hashes.hgetall(RedisKeys.route(userId));
    }
}
