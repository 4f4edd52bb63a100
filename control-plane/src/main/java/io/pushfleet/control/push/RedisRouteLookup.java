package io.pushfleet.control.push;

import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RouteLookup} on Redis: one {@code HGETALL route:{u}} per user, all sent as one pipelined batch on
 * one connection (one round trip per chunk; sending them as separate calls would queue on the small
 * connection pool instead). Route values that do not parse are skipped and counted in a log line once a
 * minute. Assumes a standalone Redis: a cluster client refuses a batch whose keys live on several nodes.
 */
@ApplicationScoped
public class RedisRouteLookup implements RouteLookup {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRouteLookup.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Redis redis;
    private final IntervalLog unreadable = new IntervalLog(LOG, Duration.ofMinutes(1));

    public RedisRouteLookup(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Map<UserId, List<RouteValue>> routes(List<UserId> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        List<Request> requests = new ArrayList<>(users.size());
        for (UserId user : users) {
            requests.add(Request.cmd(Command.HGETALL).arg(RedisKeys.route(user)));
        }
        List<Response> answers = redis.batch(requests).await().atMost(TIMEOUT);
        Map<UserId, List<RouteValue>> routes = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            List<RouteValue> values = values(users.get(i), answers.get(i));
            if (!values.isEmpty()) {
                routes.put(users.get(i), values);
            }
        }
        return routes;
    }

    /** The route values of one {@code HGETALL} answer: a map (RESP3) or a flat field/value array (RESP2). */
    private List<RouteValue> values(UserId user, Response answer) {
        if (answer == null || answer.size() == 0) {
            return List.of();
        }
        List<String> raw = new ArrayList<>();
        if (answer.isMap()) {
            for (String field : answer.getKeys()) {
                raw.add(answer.get(field).toString());
            }
        } else {
            for (int i = 1; i < answer.size(); i += 2) {
                raw.add(answer.get(i).toString());
            }
        }
        List<RouteValue> values = new ArrayList<>(raw.size());
        for (String text : raw) {
            try {
                values.add(RouteValue.parse(text));
            } catch (IllegalArgumentException e) {
                unreadable.warn("unreadable route values skipped, last userId={}: {}", user, e.getMessage());
            }
        }
        return values;
    }
}
