package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteScripts;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.ScanArgs;
import io.quarkus.redis.datasource.set.SScanCursor;
import io.quarkus.redis.datasource.set.SetCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link NodeSets} on Redis. Route checks and fenced deletions are one pipelined batch per page (one round trip
 * each), with one command per member because every user's route lives in its own cluster slot. Assumes a
 * standalone Redis like the push routing does: a cluster client refuses batches over several nodes.
 */
@ApplicationScoped
public class RedisNodeSets implements NodeSets {

    /** KEYS[1] = {@code nodes}, ARGV[1] = node id, ARGV[2] = last report millis seen. */
    static final String FORGET_IF_NOT_REPORTED = """
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if score and tonumber(score) <= tonumber(ARGV[2]) then
              return redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 0
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RedisDataSource redis;
    private final Redis batches;
    private final SetCommands<String, String> sets;

    public RedisNodeSets(RedisDataSource redis, Redis batches) {
        this.redis = redis;
        this.batches = batches;
        this.sets = redis.set(String.class, String.class);
    }

    @Override
    public Set<NodeId> knownNodes() {
        Set<NodeId> known = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        for (String member : sets.smembers(RedisKeys.KNOWN_NODES)) {
            try {
                known.add(new NodeId(member));
            } catch (IllegalArgumentException ignored) {
                // Not written by an edge; nothing of a node can hang off it.
            }
        }
        return known;
    }

    @Override
    public Iterator<List<String>> memberPages(NodeId node, int count) {
        SScanCursor<String> cursor = sets.sscan(RedisKeys.nodeConnections(node), new ScanArgs().count(count));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public List<String> next() {
                if (!cursor.hasNext()) {
                    throw new NoSuchElementException();
                }
                return cursor.next();
            }
        };
    }

    @Override
    public List<String> routes(List<NodeConnection> connections) {
        List<Request> requests = new ArrayList<>(connections.size());
        for (NodeConnection c : connections) {
            requests.add(Request.cmd(Command.HGET).arg(RedisKeys.route(c.userId())).arg(c.deviceId().value()));
        }
        List<String> values = new ArrayList<>(connections.size());
        for (Response answer : batch(requests)) {
            values.add(answer == null ? null : answer.toString());
        }
        return values;
    }

    @Override
    public int removeFenced(NodeId node, List<NodeConnection> connections) {
        String set = RedisKeys.nodeConnections(node);
        List<Request> requests = new ArrayList<>(connections.size() * 2);
        for (NodeConnection c : connections) {
            requests.add(Request.cmd(Command.EVAL).arg(RouteScripts.DELETE_ROUTE_IF).arg(1).arg(RedisKeys.route(c.userId()))
                    .arg(c.deviceId().value()).arg(c.routeOn(node).format()));
        }
        // Members go after their routes: a crash in between leaves members without routes (found stale next
        // time), never a route no set can fence.
        for (NodeConnection c : connections) {
            requests.add(Request.cmd(Command.SREM).arg(set).arg(c.format()));
        }
        List<Response> answers = batch(requests);
        int deleted = 0;
        for (int i = 0; i < connections.size(); i++) {
            deleted += answers.get(i).toInteger();
        }
        return deleted;
    }

    @Override
    public void removeMembers(NodeId node, Collection<String> members) {
        if (!members.isEmpty()) {
            sets.srem(RedisKeys.nodeConnections(node), members.toArray(String[]::new));
        }
    }

    @Override
    public void forget(NodeId node, Optional<Instant> lastReport) {
        lastReport.ifPresent(at -> redis.execute("EVAL", FORGET_IF_NOT_REPORTED, "1", RedisKeys.NODES, node.value(),
                Long.toString(at.toEpochMilli())));
        sets.srem(RedisKeys.KNOWN_NODES, node.value());
    }

    private List<Response> batch(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        return batches.batch(requests).await().atMost(TIMEOUT);
    }
}
