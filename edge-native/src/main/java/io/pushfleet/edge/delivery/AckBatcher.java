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
 * it holds {@code maxBatch} acks, or when its oldest ack has waited {@code maxDelay}. One batcher per node,
 * never a timer per connection: the first ack of a batch has the node's {@link Timer} run {@link #flushDue()}
 * {@code maxDelay} later, on a thread that is not an event loop, so a node without acks has no timer at all.
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
    private final Timer timer;
    private final Object lock = new Object();
    private List<FleetEvent.UserMessage> pending;
    private long oldestNanos;

    public AckBatcher(NodeId node, EventStream events, EdgeMetrics metrics, int maxBatch, Duration maxDelay,
                      LongSupplier nanoTime, Timer timer) {
        this.node = requireNonNull(node, "node");
        this.events = requireNonNull(events, "events");
        this.metrics = requireNonNull(metrics, "metrics");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: >= 1)");
        }
        this.maxBatch = maxBatch;
        this.maxDelayNanos = requireNonNull(maxDelay, "maxDelay").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.timer = requireNonNull(timer, "timer");
        this.pending = new ArrayList<>(maxBatch);
    }

    /** Runs a task once after a delay, off the event loops; a timer that is shut down may drop it. */
    @FunctionalInterface
    public interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    /** Records that {@code userId} acknowledged {@code msgId}; appends the batch at once when it is full. */
    public void add(UserId userId, MessageId msgId) {
        metrics.acked();
        FleetEvent.UserMessage ack = new FleetEvent.UserMessage(userId, msgId);
        List<FleetEvent.UserMessage> full = null;
        boolean first;
        synchronized (lock) {
            first = pending.isEmpty();
            if (first) {
                oldestNanos = nanoTime.getAsLong();
            }
            pending.add(ack);
            if (pending.size() >= maxBatch) {
                full = takeLocked();
            }
        }
        if (full != null) {
            publish(full);
        } else if (first) {
            timer.schedule(this::flushDue, maxDelayNanos);
        }
    }

    /**
     * Appends the pending acks if the oldest has waited {@code maxDelay}; what the timer runs. A run for a batch
     * that went out full finds a younger batch (its own run comes later) or none, and does nothing.
     */
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
