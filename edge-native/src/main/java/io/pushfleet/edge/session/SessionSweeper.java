package io.pushfleet.edge.session;

import io.netty.channel.EventLoop;
import io.pushfleet.model.frame.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Keeps every live session in the list of its event loop and runs the sweeps of each event loop, on that loop,
 * that close connections past the auth timeout, idle connections and slow consumers: a frequent one over the
 * few sessions in a state with a short limit and a seldom one over all ({@link LoopSessions}). There is no
 * timer per connection. The first session of a loop creates its list and schedules its sweeps. The same lists
 * serve fan-outs to every connection (broadcast): one task per loop walks that loop's list.
 *
 * <p>{@link #add}, {@link #remove} and {@link #forEachSession} must be called on the session's event loop.
 */
public final class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    private final SessionLimits limits;
    private final SessionCloser closer;
    private final ConcurrentMap<EventLoop, LoopSessions> loops = new ConcurrentHashMap<>();

    public SessionSweeper(SessionLimits limits, SessionCloser closer) {
        this.limits = requireNonNull(limits, "limits");
        this.closer = requireNonNull(closer, "closer");
    }

    public SessionLimits limits() {
        return limits;
    }

    public void add(Session session) {
        loops.computeIfAbsent(session.channel().eventLoop(), this::startLoop).add(session);
    }

    public void remove(Session session) {
        LoopSessions owner = session.owner;
        if (owner != null) {
            owner.remove(session);
        }
    }

    /** The event loops that have held sessions; each has a list, possibly empty now. Any thread. */
    public List<EventLoop> loops() {
        return List.copyOf(loops.keySet());
    }

    /**
     * Calls {@code action} for every session on {@code loop}, which must be the current thread's loop. The
     * action may close the session it is given.
     */
    public void forEachSession(EventLoop loop, Consumer<Session> action) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("forEachSession must run on " + loop);
        }
        LoopSessions sessions = loops.get(loop);
        if (sessions != null) {
            sessions.forEach(action);
        }
    }

    /** The session list of {@code loop}, or {@code null} when it never held a session. */
    LoopSessions sessionsOf(EventLoop loop) {
        return loops.get(loop);
    }

    /** Closes every session on every loop with {@code code}; returns at once, the closes run on the loops. */
    public void closeAll(CloseCode code, String reason) {
        for (LoopSessions sessions : loops.values()) {
            sessions.loop().execute(() -> sessions.closeAll(code, reason, closer));
        }
    }

    private LoopSessions startLoop(EventLoop loop) {
        LoopSessions sessions = new LoopSessions(loop);
        every(limits.watchedSweepInterval(), sessions, () -> sessions.sweepWatched(loop.ticker().nanoTime(), limits, closer));
        every(limits.fullSweepInterval(), sessions, () -> sessions.sweepAll(loop.ticker().nanoTime(), limits, closer));
        log.debug("session sweeps every {} ms (watched) and {} ms (all) on {}", limits.watchedSweepInterval().toMillis(),
                limits.fullSweepInterval().toMillis(), loop);
        return sessions;
    }

    private static void every(Duration period, LoopSessions sessions, Runnable sweep) {
        sessions.loop().scheduleAtFixedRate(() -> {
            try {
                sweep.run();
            } catch (RuntimeException e) {
                // A failed pass must not cancel the periodic task; the next pass retries.
                log.warn("session sweep failed on {}", sessions.loop(), e);
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }
}
