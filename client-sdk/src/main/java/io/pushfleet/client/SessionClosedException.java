package io.pushfleet.client;

import static java.util.Objects.requireNonNull;

/**
 * A message's receipt will never come: its {@link PushSession} ended (see {@link #end()}) while the message
 * was still buffered. It may or may not have reached the edge before.
 */
public final class SessionClosedException extends IllegalStateException {

    private final SessionEnd end;

    SessionClosedException(SessionEnd end) {
        super("session closed: " + end);
        this.end = requireNonNull(end, "end");
    }

    public SessionEnd end() {
        return end;
    }
}
