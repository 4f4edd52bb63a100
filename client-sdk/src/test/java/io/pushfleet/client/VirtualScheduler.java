package io.pushfleet.client;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A {@link Scheduler} on virtual time: tasks run only when a test {@link #advance}s the clock past them. */
final class VirtualScheduler implements Scheduler {

    private record Task(long due, long seq, Runnable run) {
    }

    private static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(now);
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable run) {
        Task task = new Task(now + delay.toNanos(), seq++, run);
        tasks.add(task);
        return () -> remove(task);
    }

    private synchronized void remove(Task task) {
        tasks.remove(task);
    }

    /** Moves the clock forward, running every task that falls due on the way, in order. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.due;
            }
            next.run.run(); // outside the lock: a task may schedule more
        }
    }

    /** Tasks waiting. */
    synchronized int pending() {
        return tasks.size();
    }
}
