package io.pushfleet.edge.delivery;

import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Collects the node's client acks and appends them as {@code acked} events (DESIGN 3.5): a batch goes out when
 * it holds {@code maxBatch} acks, or when its oldest ack has waited {@code maxDelay}. One batcher and one
 * timer per node, never per connection: the node calls {@link #flushDue()} on a fixed tick (a quarter of
 * {@code maxDelay} in production) from a thread that is not an event loop.
 *
 * <p>Thread-safe: {@link #add} is called from every event loop. Appending happens outside the lock and never
 * blocks.
 */
public final class AckBatcher {

    private final NodeId node;
    private final EventStream events;
    private final EdgeMetrics metrics;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();
    private List<FleetEvent.UserMessage> pending;
    private long oldestNanos;

    public AckBatcher(NodeId node, EventStream events, EdgeMetrics metrics, int maxBatch, Duration maxDelay,
                      LongSupplier nanoTime) {
        this.node = requireNonNull(node, "node");
        this.events = requireNonNull(events, "events");
        this.metrics = requireNonNull(metrics, "metrics");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: >= 1)");
        }
        this.maxBatch = maxBatch;
        this.maxDelayNanos = requireNonNull(maxDelay, "maxDelay").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.pending = new ArrayList<>(maxBatch);
    }

    /** How often the node should call {@link #flushDue()}: a quarter of the delay, at least 5 ms. */
    public static Duration tick(Duration maxDelay) {
        Duration quarter = maxDelay.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(5)) < 0 ? Duration.ofMillis(5) : quarter;
    }

    /** Records that {@code userId} acknowledged {@code msgId}; appends the batch at once when it is full. */
    public void add(UserId userId, MessageId msgId) {
        metrics.acked();
        FleetEvent.UserMessage ack = new FleetEvent.UserMessage(userId, msgId);
        List<FleetEvent.UserMessage> full = null;
        synchronized (lock) {
            if (pending.isEmpty()) {
                oldestNanos = nanoTime.getAsLong();
            }
            pending.add(ack);
            if (pending.size() >= maxBatch) {
                full = takeLocked();
            }
        }
        if (full != null) {
            publish(full);
        }
    }

    /** Appends the pending acks if the oldest has waited {@code maxDelay}; the timer's job. */
    public void flushDue() {
        List<FleetEvent.UserMessage> due = null;
        synchronized (lock) {
            if (!pending.isEmpty() && nanoTime.getAsLong() - oldestNanos >= maxDelayNanos) {
                due = takeLocked();
            }
        }
        if (due != null) {
            publish(due);
        }
    }

    /** Appends whatever is pending now (shutdown); completes when the append is answered. */
    public CompletionStage<Void> flush() {
        List<FleetEvent.UserMessage> all;
        synchronized (lock) {
            all = pending.isEmpty() ? null : takeLocked();
        }
        return all == null ? CompletableFuture.completedFuture(null) : publish(all);
    }

    private List<FleetEvent.UserMessage> takeLocked() {
        List<FleetEvent.UserMessage> taken = pending;
        pending = new ArrayList<>(maxBatch);
        return taken;
    }

    private CompletionStage<Void> publish(List<FleetEvent.UserMessage> acks) {
        return events.publish(new FleetEvent.Acked(node, acks));
    }
}
