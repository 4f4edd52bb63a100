package io.pushfleet.edge.registry;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.RouteValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/** A {@link RouteTable} in memory with the same compare-and-delete rules, for tests of the handlers. */
public final class InMemoryRouteTable implements RouteTable {

    /** A kick that would have gone to another node's stream. */
    public record Kick(UserId userId, DeviceId deviceId, RouteValue previous) {
    }

    private final Map<String, String> routes = new ConcurrentHashMap<>();
    private final Map<NodeId, Set<String>> nodeSets = new ConcurrentHashMap<>();
    private final List<Kick> kicks = new CopyOnWriteArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private volatile boolean failing;

    /** Makes every later call fail, as if Redis were down. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    public Optional<RouteValue> route(UserId userId, DeviceId deviceId) {
        return Optional.ofNullable(routes.get(key(userId, deviceId))).map(RouteValue::parse);
    }

    /** Seeds a route, as another node would have written it. */
    public void put(UserId userId, DeviceId deviceId, RouteValue route) {
        routes.put(key(userId, deviceId), route.format());
    }

    public Set<String> members(NodeId nodeId) {
        return Set.copyOf(nodeSets.getOrDefault(nodeId, Set.of()));
    }

    public List<Kick> kicks() {
        return List.copyOf(kicks);
    }

    /** How often {@link #flush} was called (this table sends nothing late: each call completes at once). */
    public int flushes() {
        return flushes.get();
    }

    @Override
    public CompletionStage<Optional<RouteValue>> register(UserId userId, DeviceId deviceId, RouteValue route) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("route table down"));
        }
        set(route.nodeId()).add(new NodeConnection(userId, deviceId, route.bootEpoch(), route.connId()).format());
        String previous = routes.put(key(userId, deviceId), route.format());
        return CompletableFuture.completedFuture(Optional.ofNullable(previous).map(RouteValue::parse));
    }

    @Override
    public CompletionStage<Boolean> unregister(UserId userId, DeviceId deviceId, RouteValue route) {
        if (failing) {
            return CompletableFuture.failedFuture(new IllegalStateException("route table down"));
        }
        boolean deleted = routes.remove(key(userId, deviceId), route.format());
        set(route.nodeId()).remove(new NodeConnection(userId, deviceId, route.bootEpoch(), route.connId()).format());
        return CompletableFuture.completedFuture(deleted);
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    @Override
    public CompletionStage<Void> kick(UserId userId, DeviceId deviceId, RouteValue previous) {
        kicks.add(new Kick(userId, deviceId, previous));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int removeNodeRoutes(NodeId nodeId, LongPredicate bootEpochs, Duration timeout) {
        int removed = 0;
        for (String member : Set.copyOf(set(nodeId))) {
            NodeConnection c = NodeConnection.parse(member);
            if (bootEpochs.test(c.bootEpoch())) {
                routes.remove(key(c.userId(), c.deviceId()), new RouteValue(nodeId, c.bootEpoch(), c.connId()).format());
                set(nodeId).remove(member);
                removed++;
            }
        }
        return removed;
    }

    private Set<String> set(NodeId nodeId) {
        return nodeSets.computeIfAbsent(nodeId, n -> ConcurrentHashMap.newKeySet());
    }

    private static String key(UserId userId, DeviceId deviceId) {
        return userId + "/" + deviceId;
    }
}
