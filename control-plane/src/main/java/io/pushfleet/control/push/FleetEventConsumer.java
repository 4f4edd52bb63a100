package io.pushfleet.control.push;

import io.pushfleet.control.web.TraceIds;
import io.pushfleet.model.redis.FleetEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Reads the edges' events in the control planes' consumer group and applies them (DESIGN 3.5, 5): a
 * blocking {@code XREADGROUP} for new entries, each handled and then acknowledged in one {@code XACK} per
 * batch; every claim interval, entries pending longer than the idle limit (a crashed consumer's, or this
 * one's own failures) are taken over with {@code XAUTOCLAIM} and handled the same way. An entry that does
 * not parse is acknowledged and counted: reading it again would not help. One that fails to apply stays
 * pending and is retried after the idle limit. Runs on one thread of its own; see {@link #run()}.
 */
public final class FleetEventConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetEventConsumer.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final EventStream stream;
    private final FleetEventHandler handler;
    private final PushMetrics metrics;
    private final String consumer;
    private final int batchSize;
    private final Duration block;
    private final Duration claimIdle;
    private final Duration claimInterval;
    private final IntervalLog malformed = new IntervalLog(LOG, Duration.ofMinutes(1));
    private final IntervalLog failed = new IntervalLog(LOG, Duration.ofSeconds(30));
    private final IntervalLog readFailed = new IntervalLog(LOG, Duration.ofSeconds(30));
    private volatile boolean running = true;
    private long nextClaimNanos = System.nanoTime();

    public FleetEventConsumer(EventStream stream, FleetEventHandler handler, PushMetrics metrics, String consumer,
                              int batchSize, Duration block, Duration claimIdle, Duration claimInterval) {
        this.stream = requireNonNull(stream, "stream");
        this.handler = requireNonNull(handler, "handler");
        this.metrics = requireNonNull(metrics, "metrics");
        this.consumer = requireNonNull(consumer, "consumer");
        this.batchSize = batchSize;
        this.block = requireNonNull(block, "block");
        this.claimIdle = requireNonNull(claimIdle, "claimIdle");
        this.claimInterval = requireNonNull(claimInterval, "claimInterval");
    }

    /** Polls until {@link #stop()}; a failed read (Redis away) is logged once per interval and retried. */
    @Override
    public void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                readFailed.warn("reading the events stream failed, retrying: {}", e.toString());
                pause();
            }
        }
    }

    /** Takes over abandoned entries if the claim interval has passed, then reads and handles one batch. */
    public void pollOnce() {
        if (System.nanoTime() - nextClaimNanos >= 0) {
            nextClaimNanos = System.nanoTime() + claimInterval.toNanos();
            claimAbandoned();
        }
        process(stream.read(consumer, batchSize, block));
    }

    /** Stops after the current read returns (at most the block time). */
    public void stop() {
        running = false;
    }

    /** Handles every entry, then acknowledges those handled or unreadable; returns how many were handled. */
    int process(List<EventStream.Entry> entries) {
        List<String> done = new ArrayList<>(entries.size());
        int handled = 0;
        for (EventStream.Entry entry : entries) {
            FleetEvent event;
            try {
                event = FleetEvent.fromFields(entry.fields());
            } catch (IllegalArgumentException e) {
                metrics.event("malformed");
                malformed.warn("unreadable events acknowledged and dropped, last id={}: {}", entry.id(), e.getMessage());
                done.add(entry.id());
                continue;
            }
            String traceId = entry.fields().get("trace");
            if (traceId != null && !traceId.isEmpty()) {
                MDC.put(TraceIds.MDC_KEY, traceId);
            }
            try {
                boolean applied = handler.handle(event);
                metrics.event(applied ? entry.fields().get(FleetEvent.TYPE) : "ignored");
                done.add(entry.id());
                handled++;
            } catch (RuntimeException e) {
                metrics.event("failed");
                failed.warn("events left pending for a retry after {}, last id={} node={}: {}", claimIdle, entry.id(),
                        event.node(), e.toString());
            } finally {
                MDC.remove(TraceIds.MDC_KEY);
            }
        }
        stream.ack(done);
        return handled;
    }

    private void claimAbandoned() {
        String cursor = "0-0";
        do {
            EventStream.Claimed claimed = stream.claim(consumer, claimIdle, cursor, batchSize);
            if (!claimed.entries().isEmpty()) {
                LOG.info("took over {} events pending longer than {}", claimed.entries().size(), claimIdle);
                process(claimed.entries());
            }
            cursor = claimed.next();
        } while (running && !EventStream.Claimed.DONE.equals(cursor));
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
