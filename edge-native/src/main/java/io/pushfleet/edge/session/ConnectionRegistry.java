package io.pushfleet.edge.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's connections: hands out connection ids, counts open and authenticated connections, finds an
 * authenticated session by connection id, and keeps the {@link UserSessions} index of authenticated sessions
 * by user. One instance per node, passed to whoever needs it.
 *
 * <p>The id map exists only for targeted lookups (a kick from the command stream names one connection id);
 * nothing iterates it. Pushes to listed users use {@link #users()}; sweeps and broadcasts use the
 * per-event-loop lists of {@link SessionSweeper}. Thread-safe.
 */
public final class ConnectionRegistry {

    private final AtomicLong lastConnId = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<Long, Session> authenticated = new ConcurrentHashMap<>();
    private final UserSessions users = new UserSessions();

    /** A connection id unique in this node's run, starting at 1. */
    public long nextConnId() {
        return lastConnId.incrementAndGet();
    }

    public void opened() {
        open.incrementAndGet();
    }

    /** Publishes an authenticated session for {@link #find} and in {@link #users()}. */
    public void authenticated(Session session) {
        if (!session.authenticated()) {
            throw new IllegalStateException(session + " is not authenticated");
        }
        authenticated.put(session.connId(), session);
        users.add(session);
    }

    public void closed(Session session) {
        open.decrementAndGet();
        if (authenticated.remove(session.connId(), session)) {
            users.remove(session);
        }
    }

    /** Authenticated sessions by user. */
    public UserSessions users() {
        return users;
    }

    /** The authenticated session with this id, or {@code null}. */
    public Session find(long connId) {
        return authenticated.get(connId);
    }

    /** Open connections, authenticated or not. */
    public int openCount() {
        return open.get();
    }

    public int authenticatedCount() {
        return authenticated.size();
    }
}
