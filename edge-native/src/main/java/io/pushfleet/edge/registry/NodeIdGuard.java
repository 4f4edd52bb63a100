package io.pushfleet.edge.registry;

import io.lettuce.core.api.sync.RedisCommands;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Makes sure no other live process reports this node id before this run fences the id's old routes:
 * removing "routes of older runs" while a twin with the same id is alive would delete the twin's routes.
 * A crashed earlier run's report expires by TTL, so the guard waits at most a TTL and an interval for it.
 */
public final class NodeIdGuard {

    private static final Logger log = LoggerFactory.getLogger(NodeIdGuard.class);

    private final RedisCommands<String, String> redis;

    public NodeIdGuard(RedisCommands<String, String> redis) {
        this.redis = requireNonNull(redis, "redis");
    }

    /**
     * Waits until no report for {@code nodeId} from another run exists. Returns false when one is still fresh
     * after {@code maxWait} (a live twin), true when the id is free. Returns true early if {@code stop} opens.
     */
    public boolean awaitFree(NodeId nodeId, long bootEpoch, Duration maxWait, CountDownLatch stop)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean logged = false;
        while (true) {
            String json = redis.get(RedisKeys.nodeInfo(nodeId));
            if (json == null) {
                return true;
            }
            NodeInfo other;
            try {
                other = NodeInfo.fromJson(json);
            } catch (IllegalArgumentException e) {
                log.warn("ignoring unreadable registry entry nodeId={}: {}", nodeId, e.getMessage());
                return true;
            }
            if (other.bootEpoch() == bootEpoch) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            if (!logged) {
                log.info("nodeId={} is still reported by another run (bootEpoch={}, reportedAt={}); waiting up to {} s"
                        + " for that report to expire", nodeId, other.bootEpoch(), other.reportedAt(), maxWait.toSeconds());
                logged = true;
            }
            if (stop.await(1, TimeUnit.SECONDS)) {
                return true;
            }
        }
    }
}
