package io.pushfleet.edge.registry;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pushfleet.edge.delivery.DrainSwitch;
import io.pushfleet.edge.health.NodeStatus;
import io.pushfleet.edge.session.DrainSettings;
import io.pushfleet.edge.session.SessionDrain;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * This node's drain (DESIGN 3.10): an operator's drain turns the registry state to DRAINING and readiness to
 * false, and has the {@link SessionDrain} ask clients to reconnect elsewhere at {@code --drain-rate}; undrain
 * reverses both. Nothing else stops: pushes are still written to the clients that are still here.
 *
 * <p>The control plane keeps the drain as a mark in {@link RedisKeys#DRAINING} and then sends a {@code drain}
 * or {@code undrain} command. The command acts at once; the mark is read at start (a drained node that restarts
 * stays drained) and every registry interval, which repairs a lost command. A mark read in flight while a
 * command arrived is dropped, since the command is newer. A shutdown always drains, at the shutdown rate, and
 * an undrain cannot call it off. Thread-safe.
 */
public final class NodeDrain implements DrainSwitch {

    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);
    private static final String DRAIN_REASON = "node draining";
    private static final String SHUTDOWN_REASON = "node shutting down";

    private final NodeId nodeId;
    private final NodeStatus status;
    private final SessionDrain sessions;
    private final DrainSettings settings;
    private final RedisAsyncCommands<String, String> redis;
    private final Runnable reportNow;
    /** Counts drain and undrain commands, so a mark read that overlapped one is not applied. */
    private long commands;
    private boolean failing;

    /** @param reportNow writes the registry report at once, so control planes see the new state without waiting */
    public NodeDrain(NodeId nodeId, NodeStatus status, SessionDrain sessions, DrainSettings settings,
                     RedisAsyncCommands<String, String> redis, Runnable reportNow) {
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.status = requireNonNull(status, "status");
        this.sessions = requireNonNull(sessions, "sessions");
        this.settings = requireNonNull(settings, "settings");
        this.redis = requireNonNull(redis, "redis");
        this.reportNow = requireNonNull(reportNow, "reportNow");
    }

    @Override
    public synchronized void drain(String cause) {
        commands++;
        apply(true, cause);
    }

    @Override
    public synchronized void undrain(String cause) {
        commands++;
        apply(false, cause);
    }

    /** Reads the mark and waits for it (start-up: the node must not serve as UP while it is marked). */
    public void applyMark(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        Boolean marked = redis.hexists(RedisKeys.DRAINING, nodeId.value()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        apply(Boolean.TRUE.equals(marked), "drain mark in " + RedisKeys.DRAINING);
    }

    /** Reads the mark without waiting and follows it, unless a command arrived meanwhile. */
    public void followMark() {
        long seen;
        synchronized (this) {
            seen = commands;
        }
        redis.hexists(RedisKeys.DRAINING, nodeId.value()).whenComplete((marked, error) -> {
            synchronized (this) {
                if (error != null) {
                    if (!failing) {
                        log.warn("could not read the drain mark nodeId={}: {}", nodeId, error.toString());
                    }
                    failing = true;
                    return;
                }
                failing = false;
                if (seen == commands) {
                    apply(Boolean.TRUE.equals(marked), "drain mark in " + RedisKeys.DRAINING);
                }
            }
        });
    }

    /** The process is stopping: asks every client to reconnect at the shutdown rate (faster than a drain). */
    public synchronized void shutdown() {
        sessions.start(settings.shutdownRate(), SHUTDOWN_REASON);
        log.info("asking clients to reconnect elsewhere before stopping nodeId={} rate={}/s", nodeId,
                settings.shutdownRate());
    }

    private synchronized void apply(boolean drain, String cause) {
        if (status.drained() == drain) {
            return;
        }
        status.drained(drain);
        boolean serving = status.phase() == NodeStatus.Phase.SERVING || status.phase() == NodeStatus.Phase.STARTING;
        if (drain) {
            if (serving) {
                sessions.start(settings.rate(), DRAIN_REASON);
            }
            log.info("draining nodeId={} cause={} rate={}/s jitter={} ms grace={} ms", nodeId, cause, settings.rate(),
                    settings.jitter().toMillis(), settings.grace().toMillis());
        } else {
            if (serving) {
                sessions.stop();
            }
            log.info("drain called off nodeId={} cause={}", nodeId, cause);
        }
        reportNow.run();
    }
}
