package io.pushfleet.client;

/** How an {@link EdgeConnection} talks to the edge (docs/protocol.md, section 1). */
public enum Transport {
    /** WebSocket at the edge's {@code wsUrl}, frames in JSON text messages (what browsers use). */
    WEBSOCKET_JSON,
    /** WebSocket at the edge's {@code wsUrl}, frames in the binary codec as binary messages. */
    WEBSOCKET_BINARY,
    /** Raw TCP at the edge's {@code tcpHost:tcpPort}, each binary frame behind a 4-byte length prefix. */
    TCP;

    boolean webSocket() {
        return this != TCP;
    }
}
