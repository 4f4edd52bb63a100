package io.pushfleet.edge.registry;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteScripts;
import io.pushfleet.model.redis.RouteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;

import static java.util.Objects.requireNonNull;

/**
 * {@link RouteTable} on Redis with the shared schema ({@code RedisKeys}, {@code RouteScripts}). The set member is
 * written before the route (pipelined, in order on one connection) and removed only once the route's delete has
 * succeeded, so a crash, an error or a command timeout in between leaves at worst a member without a route
 * (harmless), never a route the node's set cannot fence.
 *
 * <p>Registers and unregisters go on a connection of their own that only sends at {@link #flush} (Lettuce's
 * manual flushing), when one is given: a connect storm then costs one socket write per flush instead of one
 * hand-over to Lettuce's thread and one write per command. Lettuce must never time out a command on that
 * connection: a command that timed out before it was written is never written, so of a register's two commands
 * (or of a register and the unregister after it) held back by a late flush, one could be dropped while the
 * other went out, leaving a route without its member. This table keeps its own deadline instead: past it the
 * caller's stage fails with {@link RedisCommandTimeoutException}, and the commands still go out, in order.
 * Everything else uses the shared connection, also the member removal that follows an unregister's route delete.
 */
public final class RedisRouteTable implements RouteTable {

    private static final Logger log = LoggerFactory.getLogger(RedisRouteTable.class);
    private static final int SCAN_PAGE = 500;

    private final RedisAsyncCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> writes;
    private final Runnable flush;
    private final Timer timer;
    private final long timeoutNanos;

    /** Every command on {@code redis}, sent at once, with the deadline of its connection's client options. */
    public RedisRouteTable(RedisAsyncCommands<String, String> redis) {
        this.redis = requireNonNull(redis, "redis");
        this.writes = redis;
        this.flush = () -> { };
        this.timer = null;
        this.timeoutNanos = 0;
    }

    /**
     * Registers and unregisters on {@code writes}, switched to manual flushing and used for nothing else, sent at
     * {@link #flush}, failed on {@code timer} when not answered within {@code timeout}; everything else on
     * {@code redis}.
     *
     * @throws IllegalArgumentException when Lettuce times out commands on {@code writes}
     */
    public RedisRouteTable(RedisAsyncCommands<String, String> redis, StatefulRedisConnection<String, String> writes,
                           Timer timer, Duration timeout) {
        if (writes.getOptions().getTimeoutOptions().isTimeoutCommands()) {
            throw new IllegalArgumentException("route writes need a connection whose client never times out a command"
                    + " (TimeoutOptions disabled); this table keeps the deadline itself");
        }
        this.redis = requireNonNull(redis, "redis");
        writes.setAutoFlushCommands(false);
        this.writes = writes.async();
        this.flush = writes::flushCommands;
        this.timer = requireNonNull(timer, "timer");
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public CompletionStage<Optional<RouteValue>> register(UserId userId, DeviceId deviceId, RouteValue route) {
        RedisFuture<Long> added = writes.sadd(RedisKeys.nodeConnections(route.nodeId()), member(userId, deviceId, route));
        if (added.isDone() && added.state() != Future.State.SUCCESS) {
            // Refused before it was queued (disconnected): the route must not go out without its member. A SADD that
            // already succeeded (another loop's flush sent it and Redis answered before this line) still needs it.
            return added.thenApply(ignored -> Optional.empty());
        }
        RedisFuture<String> previous = writes.eval(RouteScripts.SET_ROUTE, ScriptOutputType.VALUE,
                new String[] {RedisKeys.route(userId)}, deviceId.value(), route.format());
        return within(added.thenCombine(previous, (ignored, text) -> parsePrevious(userId, deviceId, text)), "register");
    }

    @Override
    public CompletionStage<Boolean> unregister(UserId userId, DeviceId deviceId, RouteValue route) {
        RedisFuture<Long> deleted = writes.eval(RouteScripts.DELETE_ROUTE_IF, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.route(userId)}, deviceId.value(), route.format());
        return within(deleted, "unregister").thenCompose(count -> redis.srem(RedisKeys.nodeConnections(route.nodeId()),
                        member(userId, deviceId, route))
                .thenApply(ignored -> count != null && count > 0));
    }

    /**
     * {@code stage}, or a failure once the deadline passed first; the commands behind it are neither cancelled
     * nor dropped. Without a timer (every command sent at once) the client's own timeout applies.
     */
    private <T> CompletionStage<T> within(CompletionStage<T> stage, String what) {
        if (timer == null) {
            return stage;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Timeout deadline = timer.newTimeout(ignored -> result.completeExceptionally(new RedisCommandTimeoutException(
                "route " + what + " not answered within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")),
                timeoutNanos, TimeUnit.NANOSECONDS);
        stage.whenComplete((value, error) -> {
            deadline.cancel();
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    @Override
    public void flush() {
        flush.run();
    }

    @Override
    public CompletionStage<Void> kick(UserId userId, DeviceId deviceId, RouteValue previous) {
        Map<String, String> entry = Map.of(
                NodeCommands.TYPE, NodeCommands.KICK,
                NodeCommands.USER, userId.toString(),
                NodeCommands.DEVICE, deviceId.value(),
                NodeCommands.ROUTE, previous.format());
        return redis.xadd(RedisKeys.nodeStream(previous.nodeId()),
                XAddArgs.Builder.maxlen(NodeCommands.MAX_LENGTH).approximateTrimming(), entry).thenApply(id -> null);
    }

    @Override
    public int removeNodeRoutes(NodeId nodeId, LongPredicate bootEpochs, Duration timeout) {
        String key = RedisKeys.nodeConnections(nodeId);
        long deadline = System.nanoTime() + timeout.toNanos();
        int removed = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        try {
            do {
                ValueScanCursor<String> page = await(redis.sscan(key, cursor, ScanArgs.Builder.limit(SCAN_PAGE)), deadline);
                List<CompletableFuture<?>> pending = new ArrayList<>();
                for (String member : page.getValues()) {
                    if (removeMember(nodeId, key, member, bootEpochs, pending)) {
                        removed++;
                    }
                }
                await(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)), deadline);
                cursor = page;
            } while (!cursor.isFinished());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing routes of nodeId=" + nodeId, e);
        }
        return removed;
    }

    private static String member(UserId userId, DeviceId deviceId, RouteValue route) {
        return new NodeConnection(userId, deviceId, route.bootEpoch(), route.connId()).format();
    }

    private static Optional<RouteValue> parsePrevious(UserId userId, DeviceId deviceId, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RouteValue.parse(text));
        } catch (IllegalArgumentException e) {
            log.warn("ignored malformed route userId={} deviceId={}: {}", userId, deviceId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Queues the removal of one member (and its route) when its boot epoch matches; malformed members go too. */
    private boolean removeMember(NodeId nodeId, String key, String member, LongPredicate bootEpochs,
                                 List<CompletableFuture<?>> pending) {
        NodeConnection c;
        RouteValue route;
        try {
            c = NodeConnection.parse(member);
            route = new RouteValue(nodeId, c.bootEpoch(), c.connId());
        } catch (IllegalArgumentException e) {
            log.warn("removing malformed member of {}: {}", key, e.getMessage());
            pending.add(redis.srem(key, member).toCompletableFuture());
            return true;
        }
        if (!bootEpochs.test(c.bootEpoch())) {
            return false;
        }
        pending.add(redis.eval(RouteScripts.DELETE_ROUTE_IF, ScriptOutputType.INTEGER,
                        new String[] {RedisKeys.route(c.userId())}, c.deviceId().value(), route.format())
                .thenCompose(deleted -> redis.srem(key, member)).toCompletableFuture());
        return true;
    }

    private static <T> T await(CompletionStage<T> stage, long deadlineNanos) throws InterruptedException {
        try {
            return stage.toCompletableFuture().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis command failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer in time", e);
        }
    }
}
