package io.pushfleet.edge.registry;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pushfleet.edge.health.LoopLagProbe;
import io.pushfleet.edge.health.NodeStatus;
import io.pushfleet.edge.health.ProcessStats;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Writes this node's {@link NodeInfo} to the registry (DESIGN 3.9): the JSON under {@code RedisKeys.nodeInfo}
 * with a TTL, and the node's score (report time) in {@code RedisKeys.NODES}. {@link #report()} is called
 * periodically off the event loops; a node that stops reporting disappears when the TTL runs out.
 * {@link #deregister} removes both at shutdown. Thread-safe.
 */
public final class NodeReporter {

    private static final Logger log = LoggerFactory.getLogger(NodeReporter.class);

    /** What goes into a report besides the node's identity. */
    public record Sources(NodeStatus status, NodeAddresses addresses, long capacity, ConnectionRegistry connections,
                          ProcessStats stats, LoopLagProbe loopLag) {
        public Sources {
            requireNonNull(status, "status");
            requireNonNull(addresses, "addresses");
            requireNonNull(connections, "connections");
            requireNonNull(stats, "stats");
            requireNonNull(loopLag, "loopLag");
        }
    }

    private final RedisAsyncCommands<String, String> redis;
    private final NodeId nodeId;
    private final long bootEpoch;
    private final Sources sources;
    private final Duration ttl;
    private final Clock clock;
    private volatile boolean failing;

    public NodeReporter(RedisAsyncCommands<String, String> redis, NodeId nodeId, long bootEpoch, Sources sources,
                        Duration ttl, Clock clock) {
        this.redis = requireNonNull(redis, "redis");
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.bootEpoch = bootEpoch;
        this.sources = requireNonNull(sources, "sources");
        this.ttl = requireNonNull(ttl, "ttl");
        this.clock = requireNonNull(clock, "clock");
    }

    public NodeInfo snapshot() {
        NodeAddresses a = sources.addresses();
        ProcessStats stats = sources.stats();
        return new NodeInfo(nodeId, bootEpoch, sources.status().registryState(), a.wsUrl(), a.tcpHost(), a.tcpPort(),
                a.adminUrl(), sources.connections().openCount(), sources.capacity(), stats.heapUsedBytes(),
                stats.heapMaxBytes(), stats.directUsedBytes(), stats.cpuLoad(), sources.loopLag().maxLagMicros(),
                clock.instant());
    }

    public void report() {
        NodeInfo info = snapshot();
        CompletableFuture<String> set = redis.set(RedisKeys.nodeInfo(nodeId), info.toJson(), SetArgs.Builder.px(ttl))
                .toCompletableFuture();
        CompletableFuture<Long> score = redis.zadd(RedisKeys.NODES, (double) info.reportedAt().toEpochMilli(), nodeId.value())
                .toCompletableFuture();
        CompletableFuture.allOf(set, score).whenComplete((ignored, error) -> {
            if (error != null && !failing) {
                log.warn("registry report failed nodeId={}: {}", nodeId, error.toString());
            } else if (error == null && failing) {
                log.info("registry report succeeded again nodeId={}", nodeId);
            }
            failing = error != null;
        });
    }

    /** Removes the report and the node's score; waits up to {@code timeout}. */
    public void deregister(Duration timeout) {
        try {
            CompletableFuture.allOf(
                    redis.del(RedisKeys.nodeInfo(nodeId)).toCompletableFuture(),
                    redis.zrem(RedisKeys.NODES, nodeId.value()).toCompletableFuture()
            ).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("left the registry nodeId={}", nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not leave the registry nodeId={} (the entry expires by TTL): {}", nodeId, e.toString());
        }
    }
}
