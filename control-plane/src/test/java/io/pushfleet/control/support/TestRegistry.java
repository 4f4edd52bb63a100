package io.pushfleet.control.support;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeInfo;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

import java.time.Duration;
import java.time.Instant;

/**
 * Writes the node registry into the test Redis the way an edge does ({@code ZADD nodes} plus
 * {@code SET node:{id}:info} with a TTL), and wipes it between tests.
 */
public final class TestRegistry {

    private final RedisDataSource redis;

    public TestRegistry(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Removes every registered node with its info key and connection set, and every drain mark. */
    public void clear() {
        for (String member : redis.sortedSet(String.class).zrange(RedisKeys.NODES, 0, -1)) {
            NodeId id = new NodeId(member);
            redis.key().del(RedisKeys.nodeInfo(id), RedisKeys.nodeConnections(id));
        }
        redis.key().del(RedisKeys.NODES, RedisKeys.DRAINING);
    }

    /** An edge's report made at {@code at}, its info key living 30 s. */
    public void report(NodeInfo info, Instant at) {
        redis.value(String.class).set(RedisKeys.nodeInfo(info.nodeId()), info.toJson(), new SetArgs().ex(Duration.ofSeconds(30)));
        redis.sortedSet(String.class).zadd(RedisKeys.NODES, at.toEpochMilli(), info.nodeId().value());
    }

    /** A node that is in the sorted set but whose info key has expired. */
    public void reportWithoutInfo(NodeId nodeId, Instant at) {
        redis.sortedSet(String.class).zadd(RedisKeys.NODES, at.toEpochMilli(), nodeId.value());
    }

    /** Fills a node's connection set with {@code count} members. */
    public void connections(NodeId nodeId, int count) {
        for (int i = 1; i <= count; i++) {
            redis.set(String.class).sadd(RedisKeys.nodeConnections(nodeId), i + ":device-" + i + ":1700000000000:" + i);
        }
    }
}
