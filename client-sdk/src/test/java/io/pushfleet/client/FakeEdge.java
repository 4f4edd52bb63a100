package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;

import java.time.Duration;

/**
 * A scripted edge for tests: it accepts connections and lets the test read what the client sent and
 * answer frame by frame. {@link FakeTcpEdge} speaks TCP, {@link FakeWebSocketEdge} WebSocket.
 */
interface FakeEdge extends AutoCloseable {

    Duration WAIT = Duration.ofSeconds(5);

    /** The address a client connects to. */
    EdgeAddress address();

    /** The next accepted connection; fails the test after {@link #WAIT}. */
    Peer awaitPeer() throws InterruptedException;

    /** True when no client connected yet. */
    boolean noPeerYet();

    @Override
    void close();

    static FakeEdge start(Transport transport) {
        return transport == Transport.TCP ? new FakeTcpEdge() : new FakeWebSocketEdge();
    }

    /** The edge's side of one client connection. */
    interface Peer {

        /**
         * The next frame the client sent, which must be a {@code type}. Heartbeat pings in between are
         * skipped unless {@code type} is {@code Ping}.
         */
        <T extends Frame> T expect(Class<T> type) throws InterruptedException;

        /** Sends a frame in this connection's encoding. */
        void send(Frame frame);

        /** Sends bytes as they are: TCP raw (no length prefix), WebSocket a binary message. */
        void sendRaw(byte[] bytes);

        /** Closes as the edge does on a fatal error: TCP an error frame then close, WebSocket a close frame. */
        void refuse(CloseCode code, String message);

        /** Drops the transport without any code. */
        void drop();

        /** The upgrade request's Authorization header; null on TCP or when absent. */
        String authorization();

        /** The close code the client sent (WebSocket only), waiting up to {@link #WAIT}. */
        int awaitClientCloseCode() throws InterruptedException;

        /** True once the transport is closed, waiting up to {@link #WAIT}. */
        boolean awaitClosed() throws InterruptedException;
    }
}
