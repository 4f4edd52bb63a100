package io.pushfleet.edge.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's connections: hands out connection ids, counts open and authenticated connections, and finds
 * an authenticated session by connection id. One instance per node, passed to whoever needs it.
 *
 * <p>The id map exists only for targeted lookups (a kick from the command stream names one connection id);
 * nothing iterates it. Sweeps and fan-outs use the per-event-loop lists of {@link SessionSweeper}.
 * Thread-safe.
 */
public final class ConnectionRegistry {

    private final AtomicLong lastConnId = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<Long, Session> authenticated = new ConcurrentHashMap<>();

    /** A connection id unique in this node's run, starting at 1. */
    public long nextConnId() {
        return lastConnId.incrementAndGet();
    }

    public void opened() {
        open.incrementAndGet();
    }

    /** Publishes an authenticated session for {@link #find}. */
    public void authenticated(Session session) {
        if (!session.authenticated()) {
            throw new IllegalStateException(session + " is not authenticated");
        }
        authenticated.put(session.connId(), session);
    }

    public void closed(Session session) {
        open.decrementAndGet();
        authenticated.remove(session.connId(), session);
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
