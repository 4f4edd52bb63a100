package io.pushfleet.edge.session;

import io.netty.channel.EventLoop;
import io.pushfleet.model.frame.CloseCode;

import java.util.function.Consumer;

/**
 * The sessions of one event loop, as an intrusive doubly linked list (the links live in {@link Session}, so
 * membership costs no allocation), the sweep that enforces {@link SessionLimits} over them, and the walk of a
 * drain (DESIGN 3.10) that visits each session once, from the head at the drain's start to the tail.
 * Confined to its event loop: every method must run on it.
 */
final class LoopSessions {

    private final EventLoop loop;
    private Session head;
    private int size;
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

    /** One pass over every session of this loop at {@code nowNanos}. */
    void sweep(long nowNanos, SessionLimits limits, SessionCloser closer) {
        long authTimeout = limits.authTimeout().toNanos();
        long idleTimeout = limits.idleTimeout().toNanos();
        long slowTimeout = limits.slowConsumerTimeout().toNanos();
        long closeGrace = limits.closeGrace().toNanos();
        long drainGrace = limits.drainGrace().toNanos();
        for (Session s = head; s != null; ) {
            // Read the link first: closing may unlink s synchronously.
            Session next = s.next;
            switch (s.state()) {
                case CLOSING -> {
                    if (nowNanos - s.closingSinceNanos() >= closeGrace) {
                        closer.forceClose(s);
                    }
                }
                case AWAITING_AUTH -> {
                    if (nowNanos - s.openedNanos() >= authTimeout) {
                        // PROTOCOL 3.1: auth must arrive within the auth timeout.
                        closer.close(s, CloseCode.AUTH_TIMEOUT, "no auth within " + limits.authTimeout().toMillis() + " ms");
                    }
                }
                case OPEN -> {
                    if (nowNanos - s.lastSeenNanos() >= idleTimeout) {
                        // PROTOCOL 3.3: silent for the configured number of heartbeat intervals.
                        closer.close(s, CloseCode.IDLE_TIMEOUT, "silent for " + limits.idleTimeout().toMillis() + " ms");
                    } else if (s.unwritableSinceNanos() >= 0 && nowNanos - s.unwritableSinceNanos() >= slowTimeout) {
                        closer.close(s, CloseCode.SLOW_CONSUMER,
                                "not reading for " + limits.slowConsumerTimeout().toMillis() + " ms");
                    } else if (s.askedToReconnect() && nowNanos - s.reconnectAskedNanos() >= drainGrace) {
                        // PROTOCOL 3.5: a client asked to reconnect that has not left is closed shortly after.
                        closer.close(s, CloseCode.GOING_AWAY,
                                "node draining; asked to reconnect " + limits.drainGrace().toMillis() + " ms ago");
                    }
                }
            }
            s = next;
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
