package io.pushfleet.edge.session;

import io.pushfleet.model.id.UserId;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's connections: hands out connection ids, counts open and authenticated connections, and keeps the
 * {@link UserSessions} index of authenticated sessions by user, which also finds one connection by user and
 * connection id (a kick names both). One instance per node, passed to whoever needs it.
 *
 * <p>No map by connection id: it would cost every connection a map entry and a boxed key for the rare kick.
 * Pushes to listed users use {@link #users()}; sweeps and broadcasts use the per-event-loop lists of
 * {@link SessionSweeper}. Thread-safe.
 */
public final class ConnectionRegistry {

    private final AtomicLong lastConnId = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger authenticated = new AtomicInteger();
    private final UserSessions users = new UserSessions();

    /** A connection id unique in this node's run, starting at 1. */
    public long nextConnId() {
        return lastConnId.incrementAndGet();
    }

    public void opened() {
        open.incrementAndGet();
    }

    /** Publishes a session once it authenticated (once per session) in {@link #users()}. */
    public void authenticated(Session session) {
        if (!session.authenticated()) {
            throw new IllegalStateException(session + " is not authenticated");
        }
        users.add(session);
        authenticated.incrementAndGet();
    }

    /** Called once per connection, when it ended. */
    public void closed(Session session) {
        open.decrementAndGet();
        if (session.authenticated()) {
            users.remove(session);
            authenticated.decrementAndGet();
        }
    }

    /** Authenticated sessions by user. */
    public UserSessions users() {
        return users;
    }

    /** The authenticated session of {@code userId} with this connection id, or {@code null}. */
    public Session find(UserId userId, long connId) {
        return users.find(userId, connId);
    }

    /** Open connections, authenticated or not. */
    public int openCount() {
        return open.get();
    }

    public int authenticatedCount() {
        return authenticated.get();
    }
}
