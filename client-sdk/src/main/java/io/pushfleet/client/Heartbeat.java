package io.pushfleet.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The client side of PROTOCOL 3.3 for one connection: a ping every interval, and giving up on an edge that
 * has sent nothing for {@code maxSilent} intervals (a live edge answers every ping). Runs as one periodic
 * task on the timer shared by all connections; the ping itself goes to a virtual thread, so a TCP write
 * blocked on a full socket never delays another connection's heartbeat.
 */
final class Heartbeat {

    private final ScheduledExecutorService timer;
    private final int maxSilent;
    private final Runnable ping;
    private final Consumer<String> silent;
    /** {@link System#nanoTime()} of the last frame from the edge. */
    private volatile long lastHeard = System.nanoTime();
    private volatile ScheduledFuture<?> task;
    private volatile boolean stopped;

    /** {@code ping} sends one ping; {@code silent} gets the reason once the edge is given up on. */
    Heartbeat(ScheduledExecutorService timer, int maxSilent, Runnable ping, Consumer<String> silent) {
        this.timer = requireNonNull(timer, "timer");
        this.maxSilent = maxSilent;
        this.ping = requireNonNull(ping, "ping");
        this.silent = requireNonNull(silent, "silent");
    }

    /** Any frame from the edge is a sign of life. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    void start(Duration every) {
        long nanos = every.toNanos();
        task = timer.scheduleAtFixedRate(() -> tick(every), nanos, nanos, TimeUnit.NANOSECONDS);
        if (stopped) { // stop() ran while this was being scheduled
            task.cancel(false);
        }
    }

    private void tick(Duration every) {
        if (System.nanoTime() - lastHeard > every.toNanos() * maxSilent) {
            stop();
            silent.accept("edge silent for " + maxSilent + " heartbeats of " + every);
            return;
        }
        Thread.ofVirtual().name("pushfleet-ping").start(ping);
    }

    /** Idempotent; nothing is scheduled afterwards. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
