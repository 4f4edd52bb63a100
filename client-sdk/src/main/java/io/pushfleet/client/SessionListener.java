package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.time.Duration;

/**
 * What a {@link PushSession} reports: its state changes and the frames meant for the application. Every
 * method has a no-op default.
 *
 * <p>State calls ({@code onConnecting}, {@code onConnected}, {@code onReconnecting}, {@code onClosed}) come
 * one at a time, in order, never under the session's lock, on an SDK thread (a virtual thread or the
 * connection's reader). {@link #onPush} and {@link #onError} come on the connection's reader, one at a time
 * per connection; a push may arrive just before the {@code onConnected} of its connection. Keep all of them
 * short. Calling the session ({@code send}, {@code close}) from any of them is safe. A method that throws is
 * logged; a throwing {@code onPush} leaves the push unacked, so the server may send it again.
 */
public interface SessionListener {

    /** Attempt {@code attempt} (1 for the first after a connection or a start) is logging in or connecting. */
    default void onConnecting(int attempt) {
    }

    /** Connected and authenticated; {@code authOk} names the edge ({@code nodeId}). Buffered messages go out now. */
    default void onConnected(Frame.AuthOk authOk) {
    }

    /**
     * No connection now; attempt {@code attempt} starts after {@code delay}. {@code why} says what happened,
     * for logs: the lost connection's code and reason, a failed login or connect, or the edge's reconnect
     * request.
     */
    default void onReconnecting(int attempt, Duration delay, String why) {
    }

    /** The session stopped for good; called once, last. Messages still buffered have failed. */
    default void onClosed(SessionEnd end) {
    }

    /**
     * A push not seen before (duplicates by message id are acked and dropped, see
     * {@link PushSession.Builder#dedupeWindow}). With auto-ack on, the ack follows when this returns normally.
     */
    default void onPush(Frame.Push push) {
    }

    /** An {@code error} frame; from 4100 on the connection stays open (PROTOCOL 5). */
    default void onError(Frame.Error error) {
    }
}
