package io.pushfleet.edge.health;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * Event-loop lag: how long a task submitted to each event loop waits before it runs. {@link #probe()}
 * submits one task per loop; {@link #maxLagMicros()} is the worst delay of the last finished round, or the
 * age of a round that has not finished (a stuck loop shows as growing lag). Thread-safe.
 */
public final class LoopLagProbe {

    private final EventExecutorGroup group;
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final AtomicLong roundMaxNanos = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long roundStartNanos;

    public LoopLagProbe(EventExecutorGroup group) {
        this.group = requireNonNull(group, "group");
    }

    public void probe() {
        long now = System.nanoTime();
        if (pending.get() > 0) {
            maxLagNanos.set(Math.max(roundMaxNanos.get(), now - roundStartNanos));
            return;
        }
        maxLagNanos.set(roundMaxNanos.getAndSet(0));
        roundStartNanos = now;
        int loops = 0;
        for (EventExecutor ignored : group) {
            loops++;
        }
        pending.set(loops);
        for (EventExecutor loop : group) {
            long submitted = System.nanoTime();
            try {
                loop.execute(() -> {
                    roundMaxNanos.accumulateAndGet(System.nanoTime() - submitted, Math::max);
                    pending.decrementAndGet();
                });
            } catch (RejectedExecutionException ignoredRejection) {
                // The group is shutting down; this loop will never answer, so do not wait for it.
                pending.decrementAndGet();
            }
        }
    }

    public long maxLagMicros() {
        return TimeUnit.NANOSECONDS.toMicros(maxLagNanos.get());
    }
}
