package io.pushfleet.edge.session;

import io.netty.channel.EventLoop;
import io.pushfleet.model.frame.CloseCode;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The sessions of one event loop, as an intrusive doubly linked list (the links live in {@link Session}, so
 * membership costs no allocation), the sweeps that enforce {@link SessionLimits} over them, and the walk of a
 * drain (DESIGN 3.10) that visits each session once, from the head at the drain's start to the tail.
 *
 * <p>Two sweeps: a full one over every session, for the idle timeout (long, so it runs seldom), and a frequent
 * one over the <em>watched</em> sessions only: those in a state with a short limit (awaiting auth, closing, not
 * writable, asked to reconnect). A session joins the watch list when it enters such a state and leaves it at
 * the first watched sweep that finds it out of them, so an idle loop of many sessions costs nothing between
 * full sweeps. Confined to its event loop: every method must run on it.
 */
final class LoopSessions {

    private final EventLoop loop;
    private Session head;
    private int size;
    /** Sessions that may hit a short limit; each at most once ({@link Session#watched}). */
    private final ArrayList<Session> watched = new ArrayList<>();
    /** The next session the drain walk visits; moved on when that session leaves the list. */
    private Session drainCursor;

    LoopSessions(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    int size() {
        return size;
    }

    void add(Session s) {
        assert loop.inEventLoop();
        if (s.owner != null) {
            throw new IllegalStateException(s + " is already registered");
        }
        s.owner = this;
        s.next = head;
        if (head != null) {
            head.prev = s;
        }
        head = s;
        size++;
        if (s.timed()) {
            watch(s);
        }
    }

    /** Puts {@code s} on the watch list unless it is on it already. */
    void watch(Session s) {
        if (!s.watched) {
            s.watched = true;
            watched.add(s);
        }
    }

    int watchedCount() {
        return watched.size();
    }

    void remove(Session s) {
        assert loop.inEventLoop();
        if (s.owner != this) {
            return;
        }
        if (s == drainCursor) {
            drainCursor = s.next;
        }
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            head = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        }
        s.prev = null;
        s.next = null;
        s.owner = null;
        size--;
    }

    /** The full sweep: checks every session of this loop at {@code nowNanos}. */
    void sweepAll(long nowNanos, SessionLimits limits, SessionCloser closer) {
        for (Session s = head; s != null; ) {
            // Read the link first: closing may unlink s synchronously.
            Session next = s.next;
            check(s, nowNanos, limits, closer);
            s = next;
        }
    }

    /**
     * The watched sweep: checks the watched sessions at {@code nowNanos} and drops from the list those that left
     * this loop or no longer have a short limit. A check that closes a session keeps it watched (closing).
     */
    void sweepWatched(long nowNanos, SessionLimits limits, SessionCloser closer) {
        int kept = 0;
        // Indexed: a check may watch another session, which is appended and visited in this pass too.
        for (int i = 0; i < watched.size(); i++) {
            Session s = watched.get(i);
            if (s.owner == this) {
                check(s, nowNanos, limits, closer);
            }
            if (s.owner == this && s.timed()) {
                watched.set(kept++, s);
            } else {
                s.watched = false;
            }
        }
        watched.subList(kept, watched.size()).clear();
    }

    private static void check(Session s, long nowNanos, SessionLimits limits, SessionCloser closer) {
        switch (s.state()) {
            case CLOSING -> {
                if (nowNanos - s.closingSinceNanos() >= limits.closeGrace().toNanos()) {
                    closer.forceClose(s);
                }
            }
            case AWAITING_AUTH -> {
                if (nowNanos - s.openedNanos() >= limits.authTimeout().toNanos()) {
                    // PROTOCOL 3.1: auth must arrive within the auth timeout.
                    closer.close(s, CloseCode.AUTH_TIMEOUT, "no auth within " + limits.authTimeout().toMillis() + " ms");
                }
            }
            case OPEN -> {
                if (nowNanos - s.lastSeenNanos() >= limits.idleTimeout().toNanos()) {
                    // PROTOCOL 3.3: silent for the configured number of heartbeat intervals.
                    closer.close(s, CloseCode.IDLE_TIMEOUT, "silent for " + limits.idleTimeout().toMillis() + " ms");
                } else if (s.unwritableSinceNanos() >= 0
                        && nowNanos - s.unwritableSinceNanos() >= limits.slowConsumerTimeout().toNanos()) {
                    closer.close(s, CloseCode.SLOW_CONSUMER,
                            "not reading for " + limits.slowConsumerTimeout().toMillis() + " ms");
                } else if (s.askedToReconnect() && nowNanos - s.reconnectAskedNanos() >= limits.drainGrace().toNanos()) {
                    // PROTOCOL 3.5: a client asked to reconnect that has not left is closed shortly after.
                    closer.close(s, CloseCode.GOING_AWAY,
                            "node draining; asked to reconnect " + limits.drainGrace().toMillis() + " ms ago");
                }
            }
        }
    }

    /** Calls {@code action} for every session of this loop; the action may close (and so unlink) the session. */
    void forEach(Consumer<Session> action) {
        assert loop.inEventLoop();
        for (Session s = head; s != null; ) {
            Session next = s.next;
            action.accept(s);
            s = next;
        }
    }

    /** Closes every session of this loop with {@code code}. */
    void closeAll(CloseCode code, String reason, SessionCloser closer) {
        for (Session s = head; s != null; ) {
            Session next = s.next;
            closer.close(s, code, reason);
            s = next;
        }
    }

    /** Starts the drain walk at the current head: every session there now is visited once. */
    void startDrainWalk() {
        drainCursor = head;
    }

    boolean drainWalkDone() {
        return drainCursor == null;
    }

    /**
     * Moves the drain walk on until {@code max} open sessions not yet asked to reconnect were handed to
     * {@code ask}, or the walk reached the tail. Returns how many were handed over.
     */
    int askNext(int max, Consumer<Session> ask) {
        int asked = 0;
        while (asked < max && drainCursor != null) {
            Session s = drainCursor;
            drainCursor = s.next;
            if (s.state() == SessionState.OPEN && !s.askedToReconnect()) {
                ask.accept(s);
                asked++;
            }
        }
        return asked;
    }

    /** Ends the drain walk and forgets every {@code reconnect} request, so nobody is closed for it. */
    void callOffDrain() {
        drainCursor = null;
        for (Session s = head; s != null; s = s.next) {
            s.reconnectCalledOff();
        }
    }
}
