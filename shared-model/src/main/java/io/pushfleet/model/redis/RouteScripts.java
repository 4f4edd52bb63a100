package io.pushfleet.model.redis;

/**
 * Lua scripts that change the route table atomically. Each touches one key, so they run on Redis
 * Cluster too.
 */
public final class RouteScripts {

    /**
     * Sets a device's route and returns the value it replaced (nil if none).
     * KEYS[1] = route key, ARGV[1] = device id, ARGV[2] = new route value.
     */
    public static final String SET_ROUTE = """
            local previous = redis.call('HGET', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return previous
            """;

    /**
     * Deletes a device's route only if it still holds the expected value, so a late disconnect of an
     * old connection never removes a newer route. Returns 1 if deleted, 0 otherwise.
     * KEYS[1] = route key, ARGV[1] = device id, ARGV[2] = expected route value.
     */
    public static final String DELETE_ROUTE_IF = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """;

    private RouteScripts() {
    }
}
