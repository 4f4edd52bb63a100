package io.pushfleet.edge.session;

/** The listener a connection came in on; decides how frames are framed and how a close is announced. */
public enum Transport {
    /** Length-prefixed binary frames on a raw TCP socket; a fatal close writes an {@code error} frame first. */
    TCP,
    /** WebSocket at {@code /ws}; a fatal close sends a close frame with the code. */
    WEBSOCKET;

    /** Lower-case name, used as a metrics tag. */
    public String tag() {
        return this == TCP ? "tcp" : "websocket";
    }
}
