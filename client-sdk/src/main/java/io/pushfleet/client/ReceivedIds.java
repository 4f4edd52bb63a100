package io.pushfleet.client;

import io.pushfleet.model.id.MessageId;

import java.util.LinkedHashSet;

import static java.util.Objects.requireNonNull;

/**
 * The message ids of the last {@code window} pushes handed to the application, so a push that comes again
 * (an offline re-push replayed twice, a push resent after a reconnect) is recognised (PROTOCOL 3.4: "a
 * client drops a push whose msgId it has already seen"). Grows with what arrives, up to {@code window}
 * ids (about 70 bytes each), then forgets the oldest. Thread-safe.
 */
final class ReceivedIds {

    private final int window;
    private final LinkedHashSet<MessageId> ids = new LinkedHashSet<>(); // guarded by this
    private long duplicates; // guarded by this

    ReceivedIds(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= 1)");
        }
        this.window = window;
    }

    /** True, and counted, when {@code id} is among the remembered ids. */
    synchronized boolean seen(MessageId id) {
        requireNonNull(id, "id");
        boolean seen = ids.contains(id);
        if (seen) {
            duplicates++;
        }
        return seen;
    }

    /** Remembers {@code id}, forgetting the oldest id once the window is full. */
    synchronized void remember(MessageId id) {
        requireNonNull(id, "id");
        if (ids.add(id) && ids.size() > window) {
            ids.removeFirst();
        }
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized int size() {
        return ids.size();
    }
}
