package io.pushfleet.edge.session;

import io.pushfleet.model.frame.CloseCode;

/**
 * The one way a connection is closed by the server, and the one place a finished connection is logged and
 * counted. Implementations are thread-safe: calls from other threads hop to the session's event loop.
 */
public interface SessionCloser {

    /**
     * Announces {@code code} to the client in the transport's way and closes. Only the first reason of a
     * session counts; later calls are ignored. {@code code} must be fatal.
     */
    void close(Session session, CloseCode code, String reason);

    /** Closes without a farewell, for a close that has been pending too long. */
    void forceClose(Session session);

    /** Called once when the channel became inactive: logs and counts the close with its reason. */
    void closed(Session session);
}
