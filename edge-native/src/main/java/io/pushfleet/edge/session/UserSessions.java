package io.pushfleet.edge.session;

import io.pushfleet.model.id.UserId;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * This node's authenticated sessions by user, so a push finds its targets' devices without scanning. One
 * instance per node, kept by {@link ConnectionRegistry}. Thread-safe.
 *
 * <p>Lean on purpose, since every connected user has an entry: the key is the session's own {@link UserId}
 * (no boxed key per user), the value the one {@link Session} of a user with one device here (the common
 * case), or a small {@code Session[]} for several devices; no list or set object per user.
 */
public final class UserSessions {

    private final ConcurrentMap<UserId, Object> byUser = new ConcurrentHashMap<>();

    void add(Session session) {
        byUser.compute(session.userId(), (id, current) -> {
            if (current == null) {
                return session;
            }
            if (current instanceof Session one) {
                return one == session ? one : new Session[] {one, session};
            }
            Session[] many = (Session[]) current;
            for (Session s : many) {
                if (s == session) {
                    return many;
                }
            }
            Session[] grown = Arrays.copyOf(many, many.length + 1);
            grown[many.length] = session;
            return grown;
        });
    }

    void remove(Session session) {
        byUser.computeIfPresent(session.userId(), (id, current) -> {
            if (current instanceof Session one) {
                return one == session ? null : one;
            }
            return without((Session[]) current, session);
        });
    }

    /** The session of {@code userId} with connection id {@code connId}, or {@code null}. */
    Session find(UserId userId, long connId) {
        Object current = byUser.get(requireNonNull(userId, "userId"));
        if (current instanceof Session one) {
            return one.connId() == connId ? one : null;
        }
        if (current != null) {
            for (Session s : (Session[]) current) {
                if (s.connId() == connId) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Calls {@code action} for each session of {@code userId} on this node; none when the user has none. */
    public void forEach(UserId userId, Consumer<Session> action) {
        Object current = byUser.get(requireNonNull(userId, "userId"));
        if (current instanceof Session one) {
            action.accept(one);
        } else if (current != null) {
            for (Session s : (Session[]) current) {
                action.accept(s);
            }
        }
    }

    /** Whether {@code userId} has at least one session here. */
    public boolean contains(UserId userId) {
        return byUser.containsKey(userId);
    }

    /** Users with at least one session here. */
    public int userCount() {
        return byUser.size();
    }

    /** The array without {@code session}: the lone survivor when one is left, unchanged when absent. */
    private static Object without(Session[] many, Session session) {
        int at = -1;
        for (int i = 0; i < many.length; i++) {
            if (many[i] == session) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return many;
        }
        if (many.length == 2) {
            return many[1 - at];
        }
        Session[] shrunk = new Session[many.length - 1];
        System.arraycopy(many, 0, shrunk, 0, at);
        System.arraycopy(many, at + 1, shrunk, at, many.length - at - 1);
        return shrunk;
    }
}
