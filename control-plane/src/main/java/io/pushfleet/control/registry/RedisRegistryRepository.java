package io.pushfleet.control.registry;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link RegistryRepository} on Redis. Per-node keys live in different cluster slots (their hash tag is
 * the node id), so they are read with one command per node, all sent at once and pipelined on the
 * connection, never with a cross-slot {@code MGET}. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class RedisRegistryRepository implements RegistryRepository {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRegistryRepository.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SortedSetCommands<String, String> nodes;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final HashCommands<String, String, String> hashes;

    public RedisRegistryRepository(RedisDataSource redis, ReactiveRedisDataSource reactive) {
        this.nodes = redis.sortedSet(String.class, String.class);
        this.values = reactive.value(String.class, String.class);
        this.sets = reactive.set(String.class, String.class);
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    @Override
    public List<NodeReport> reports() {
        List<NodeReport> reports = new ArrayList<>();
        for (ScoredValue<String> member : nodes.zrangeWithScores(RedisKeys.NODES, 0, -1)) {
            try {
                reports.add(new NodeReport(new NodeId(member.value()), Instant.ofEpochMilli((long) member.score())));
            } catch (IllegalArgumentException e) {
                LOG.debug("skipping registry member that is not a node id: {}", e.getMessage());
            }
        }
        return reports;
    }

    @Override
    public Map<NodeId, String> infos(Collection<NodeId> ids) {
        Map<NodeId, String> found = perNode(ids, id -> values.get(RedisKeys.nodeInfo(id)));
        found.values().removeIf(json -> json == null);
        return found;
    }

    @Override
    public Map<NodeId, Long> connectionSetSizes(Collection<NodeId> ids) {
        return perNode(ids, id -> sets.scard(RedisKeys.nodeConnections(id)));
    }

    @Override
    public Map<NodeId, Instant> drainMarks() {
        Map<NodeId, Instant> marks = new HashMap<>();
        hashes.hgetall(RedisKeys.DRAINING).forEach((node, millis) -> {
            try {
                marks.put(new NodeId(node), Instant.ofEpochMilli(Long.parseLong(millis)));
            } catch (IllegalArgumentException e) {
                LOG.debug("skipping drain mark that is not a node id and a time: {}", e.getMessage());
            }
        });
        return marks;
    }

    /** Sends one command per node without waiting in between, then waits for all the answers. */
    private static <T> Map<NodeId, T> perNode(Collection<NodeId> ids, Function<NodeId, Uni<T>> command) {
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        List<NodeId> order = List.copyOf(ids);
        List<Uni<T>> calls = order.stream().map(command).toList();
        List<T> answers = Uni.join().all(calls).andFailFast().await().atMost(TIMEOUT);
        Map<NodeId, T> result = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            result.put(order.get(i), answers.get(i));
        }
        return result;
    }
}
