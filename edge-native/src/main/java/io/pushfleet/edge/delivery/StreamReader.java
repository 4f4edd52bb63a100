package io.pushfleet.edge.delivery;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Timer;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Reads one Redis stream with a blocking {@code XREAD} loop on its own thread and its own connection (a
 * blocked read would stall every command pipelined behind it on the shared one), and hands each entry to its
 * {@link EntryHandler}. Starts after the last entry that exists at startup (the meaning of {@code $}, but
 * without the gap {@code $} has between two reads). Errors back off and retry until {@link #stop}.
 *
 * <p>The node runs two: its own command stream and the broadcast stream. They are not read by one
 * {@code XREAD} because the keys live in different Redis Cluster slots.
 */
public final class StreamReader implements Runnable {

    /** Acts on one entry; runs on the reader's thread, in stream order. */
    @FunctionalInterface
    public interface EntryHandler {
        void handle(String entryId, Map<String, String> fields);
    }

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final int BATCH = 256;

    private final StatefulRedisConnection<String, String> connection;
    private final String key;
    private final String threadName;
    private final EntryHandler handler;
    private final Timer delay;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile String startAfter;

    /** {@code delay} records, per entry, the time from its append (the time in its id) to its reading. */
    public StreamReader(StatefulRedisConnection<String, String> connection, String key, String threadName,
                        EntryHandler handler, Timer delay) {
        this.connection = requireNonNull(connection, "connection");
        this.key = requireNonNull(key, "key");
        this.threadName = requireNonNull(threadName, "threadName");
        this.handler = requireNonNull(handler, "handler");
        this.delay = requireNonNull(delay, "delay");
    }

    /** This node's command stream, handled by {@code dispatcher}. */
    public static StreamReader commands(StatefulRedisConnection<String, String> connection, NodeId nodeId,
                                        NodeCommandDispatcher dispatcher, EdgeMetrics metrics) {
        return new StreamReader(connection, RedisKeys.nodeStream(nodeId), "edge-commands", dispatcher::dispatch,
                metrics.streamDelay("node"));
    }

    /** The fleet's broadcast stream, handled by {@code pushes}. */
    public static StreamReader broadcasts(StatefulRedisConnection<String, String> connection, PushDispatcher pushes,
                                          EdgeMetrics metrics) {
        return new StreamReader(connection, RedisKeys.BROADCAST_STREAM, "edge-broadcast", pushes::onBroadcastEntry,
                metrics.streamDelay("broadcast"));
    }

    /**
     * Fixes the start position (the last entry now) on the caller's thread, so that a command added after
     * this call returns is never skipped, then starts the reader thread.
     */
    public void start() {
        startAfter = lastEntryId(connection.sync());
        log.info("reading {} after entry {}", key, startAfter);
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void run() {
        RedisCommands<String, String> redis = connection.sync();
        String lastId = startAfter;
        boolean failing = false;
        try {
            while (stopped.getCount() > 0) {
                try {
                    List<StreamMessage<String, String>> batch = redis.xread(
                            XReadArgs.Builder.block(BLOCK).count(BATCH), XReadArgs.StreamOffset.from(key, lastId));
                    for (StreamMessage<String, String> entry : batch) {
                        lastId = entry.getId();
                        dispatch(entry);
                    }
                    if (failing) {
                        log.info("reading {} again", key);
                        failing = false;
                    }
                } catch (RedisException e) {
                    if (stopped.getCount() == 0) {
                        break;
                    }
                    if (!failing) {
                        log.warn("reading {} failed, retrying: {}", key, e.toString());
                        failing = true;
                    }
                    if (stopped.await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
        }
    }

    /** Stops reading and waits up to {@code timeout} for the thread to end. */
    public void stop(Duration timeout) throws InterruptedException {
        stopped.countDown();
        if (thread != null) {
            finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void dispatch(StreamMessage<String, String> entry) {
        delay.record(Math.max(0, System.currentTimeMillis() - appendedAtMillis(entry.getId())), TimeUnit.MILLISECONDS);
        try {
            handler.handle(entry.getId(), entry.getBody());
        } catch (RuntimeException e) {
            // One bad entry must not stop the reader.
            log.warn("entry={} of {} failed traceId={}", entry.getId(), key, entry.getBody().get("trace"), e);
        }
    }

    /**
     * The time part of a stream entry id ({@code <millis>-<sequence>}), which Redis takes from its own clock:
     * the delay measured against this process's clock is only as good as the two clocks agree.
     */
    static long appendedAtMillis(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }

    private String lastEntryId(RedisCommands<String, String> redis) {
        // XREVRANGE + - COUNT 1: the newest entry, or none.
        List<StreamMessage<String, String>> last = redis.xrevrange(key, Range.unbounded(), Limit.from(1));
        return last.isEmpty() ? "0-0" : last.getFirst().getId();
    }
}
