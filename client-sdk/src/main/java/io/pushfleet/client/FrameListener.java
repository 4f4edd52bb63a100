package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

/**
 * Receives what an edge sends on one {@link EdgeConnection}. Every method has a no-op default.
 *
 * <p>Calls for one connection come one at a time, in arrival order, on an SDK thread (the WebSocket
 * client's executor or the TCP reader's virtual thread). Keep them short: while a method runs, no further
 * frames of that connection are read. A method that throws is logged and does not close the connection;
 * a throwing {@link #onPush} means the push is not auto-acked. Nothing is called for a connection whose
 * open failed: its future fails instead.
 */
public interface FrameListener {

    /** A push; with auto-ack on (the default), the ack is sent after this returns normally. */
    default void onPush(Frame.Push push) {
    }

    /** The outcome of a {@code send}. */
    default void onReceipt(Frame.Receipt receipt) {
    }

    /** PROTOCOL 3.5: the edge asks for a new login and a connection elsewhere; it closes with 4011 soon. */
    default void onReconnect(Frame.Reconnect reconnect) {
    }

    /** An {@code error} frame; below 4100 it is fatal and {@link #onClosed} follows with the same code. */
    default void onError(Frame.Error error) {
    }

    /** The answer to a {@code ping}. */
    default void onPong(Frame.Pong pong) {
    }

    /** The connection ended; called exactly once per opened connection, and last. */
    default void onClosed(CloseReason reason) {
    }
}
