package io.pushfleet.edge.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Ticker;
import io.pushfleet.model.frame.Frame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Moves this node's clients away (DESIGN 3.10, PROTOCOL 3.5): while started, every authenticated connection
 * is sent one {@code reconnect} frame whose {@code delayMs} is drawn uniformly from 0 to the jitter, so the
 * clients do not all come back at once. The connections there at the start are asked at the pacer's rate by
 * one task per event loop that walks that loop's session list every {@link #TICK}; a connection that
 * authenticates during the drain is asked right after its {@code auth_ok}. The sweep closes a connection still
 * here a drain grace after its request with GOING_AWAY ({@link SessionLimits#drainGrace()}). No timer per
 * connection. {@link #stop()} calls the drain off: no more requests, and nobody is closed for an earlier one.
 *
 * <p>Starting, changing the rate and stopping are thread-safe; the walk and the frames run on the loops.
 */
public final class SessionDrain {

    /** How often each event loop takes permits from the pacer and asks that many clients. */
    public static final Duration TICK = Duration.ofMillis(100);

    private final SessionSweeper sweeper;
    private final Duration jitter;
    private final Ticker ticker;
    private final Runnable reconnectSent;
    private volatile Run run;

    /**
     * @param jitter        the largest {@code delayMs} a {@code reconnect} frame carries
     * @param ticker        the time of the pacer, shared by every event loop
     * @param reconnectSent called once per {@code reconnect} frame sent (a metric)
     */
    public SessionDrain(SessionSweeper sweeper, Duration jitter, Ticker ticker, Runnable reconnectSent) {
        this.sweeper = requireNonNull(sweeper, "sweeper");
        this.jitter = requireNonNull(jitter, "jitter");
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter: " + jitter + " (expected: >= 0)");
        }
        this.ticker = requireNonNull(ticker, "ticker");
        this.reconnectSent = requireNonNull(reconnectSent, "reconnectSent");
    }

    public boolean active() {
        return run != null;
    }

    /**
     * Starts asking clients to reconnect at {@code rate} per second with {@code reason} in the frame; when
     * already started, only the rate and the reason change (a shutdown during an operator's drain goes faster).
     */
    public synchronized void start(int rate, String reason) {
        requireNonNull(reason, "reason");
        Run current = run;
        if (current != null) {
            current.pacer.rate(rate);
            current.reason = reason;
            return;
        }
        List<EventLoop> loops = sweeper.loops();
        Run started = new Run(new DrainPacer(rate, TICK, Math.max(1, loops.size()), ticker.nanoTime()), reason);
        run = started;
        for (int slot = 0; slot < loops.size(); slot++) {
            LoopWalk walk = new LoopWalk(started, loops.get(slot), slot);
            long period = TICK.toNanos();
            started.ticks.add(walk.loop.scheduleAtFixedRate(walk, period, period, TimeUnit.NANOSECONDS));
        }
    }

    /** Calls the drain off; a no-op when it is not started. */
    public synchronized void stop() {
        Run current = run;
        if (current == null) {
            return;
        }
        run = null;
        current.ticks.forEach(tick -> tick.cancel(false));
        for (EventLoop loop : sweeper.loops()) {
            loop.execute(() -> {
                LoopSessions sessions = sweeper.sessionsOf(loop);
                if (sessions != null) {
                    sessions.callOffDrain();
                }
            });
        }
    }

    /** On the session's loop, right after {@code auth_ok}: a client arriving during a drain is asked at once. */
    public void authenticated(Session session) {
        Run current = run;
        if (current != null) {
            ask(session, current.reason);
        }
    }

    private void ask(Session session, String reason) {
        long delayMillis = jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1);
        Channel ch = session.channel();
        ch.writeAndFlush(new Frame.Reconnect(Duration.ofMillis(delayMillis), reason), ch.voidPromise());
        session.askedToReconnect(ch.eventLoop().ticker().nanoTime());
        reconnectSent.run();
    }

    /** One drain from start to stop. */
    private static final class Run {
        final DrainPacer pacer;
        final List<ScheduledFuture<?>> ticks = new ArrayList<>();
        volatile String reason;

        Run(DrainPacer pacer, String reason) {
            this.pacer = pacer;
            this.reason = reason;
        }
    }

    /** The periodic task of one event loop: takes permits and asks that many of the loop's clients. */
    private final class LoopWalk implements Runnable {
        final Run owner;
        final EventLoop loop;
        final int slot;
        boolean walking;

        LoopWalk(Run owner, EventLoop loop, int slot) {
            this.owner = owner;
            this.loop = loop;
            this.slot = slot;
        }

        @Override
        public void run() {
            LoopSessions sessions = sweeper.sessionsOf(loop);
            if (run != owner || sessions == null) {
                return;
            }
            if (!walking) {
                sessions.startDrainWalk();
                walking = true;
            }
            if (sessions.drainWalkDone()) {
                return;
            }
            int permits = owner.pacer.take(slot, ticker.nanoTime());
            String reason = owner.reason;
            int asked = sessions.askNext(permits, s -> ask(s, reason));
            owner.pacer.refund(permits - asked);
        }
    }
}
