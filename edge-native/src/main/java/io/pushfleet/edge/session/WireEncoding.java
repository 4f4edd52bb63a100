package io.pushfleet.edge.session;

/** How frames are encoded on a connection (docs/protocol.md, section 1). */
public enum WireEncoding {
    /** The binary codec: TCP, and WebSocket binary frames. */
    BINARY,
    /** The JSON mapping: WebSocket text frames. */
    JSON
}
