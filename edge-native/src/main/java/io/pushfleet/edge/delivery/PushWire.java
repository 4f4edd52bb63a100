package io.pushfleet.edge.delivery;

import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.edge.session.WireEncoding;

/** The three ways a push goes on the wire (PROTOCOL 1); each is encoded at most once per push. */
public enum PushWire {
    /** Raw TCP: binary frame behind its 4-byte length prefix. */
    TCP,
    /** WebSocket text frame with the JSON mapping. */
    WS_TEXT,
    /** WebSocket binary frame with the binary codec. */
    WS_BINARY;

    /** How {@code session} receives frames; fixed once it is authenticated, so any thread may ask. */
    public static PushWire of(Session session) {
        if (session.transport() == Transport.TCP) {
            return TCP;
        }
        return session.encoding() == WireEncoding.BINARY ? WS_BINARY : WS_TEXT;
    }
}
