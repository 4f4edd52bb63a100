package io.pushfleet.client;

import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.Frame;

/**
 * What a {@link Wire} reports upwards. Frames, violations and close frames come one at a time from the
 * reading thread; {@link #onDropped} may also come from a thread whose write failed.
 */
interface WireEvents {

    /** A decoded frame. */
    void onFrame(Frame frame);

    /** Input that is not a valid frame; the wire has stopped reading. */
    void onViolation(ProtocolException violation);

    /** The edge sent a WebSocket close frame with this status. */
    void onCloseFrame(int code, String reason);

    /** The transport ended without a close code: EOF, a failed read or write, or a failed connect. */
    void onDropped(String why, Throwable cause);
}
