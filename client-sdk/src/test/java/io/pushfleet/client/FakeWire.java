package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Wire} with no transport, for session tests: what the client writes is recorded, and the test plays
 * the edge by handing frames and closes to the connection's {@link WireEvents} on its own thread.
 */
final class FakeWire implements Wire {

    final EdgeAddress edge;
    private final WireEvents events;
    private final boolean reachable;
    private final List<Frame> sent = new CopyOnWriteArrayList<>();
    private volatile int clientCloseCode = -1;
    /** When set, every write fails, as on a connection that is ending. */
    volatile boolean failWrites;

    FakeWire(EdgeAddress edge, WireEvents events, boolean reachable) {
        this.edge = edge;
        this.events = events;
        this.reachable = reachable;
    }

    @Override
    public CompletableFuture<Void> connect() {
        return reachable ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new ConnectException("connection refused"));
    }

    @Override
    public CompletableFuture<Void> send(Frame frame) {
        if (failWrites) {
            return CompletableFuture.failedFuture(new IOException("connection ending"));
        }
        sent.add(frame);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> sendRaw(byte[] bytes) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("sendRaw"));
    }

    @Override
    public CompletableFuture<Void> sendRaw(String text) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("sendRaw"));
    }

    /** The client's close: the edge echoes it at once, as a WebSocket edge does. */
    @Override
    public void close(int code, String reason) {
        clientCloseCode = code;
        events.onCloseFrame(code, reason);
    }

    @Override
    public void abort() {
    }

    // ---- the edge's side ----

    void receive(Frame frame) {
        events.onFrame(frame);
    }

    /** The edge closes with a code (a WebSocket close frame). */
    void closeByEdge(int code) {
        events.onCloseFrame(code, "closed by the edge");
    }

    /** The edge refuses before {@code auth_ok} (an error frame, as on TCP). */
    void refuse(CloseCode code) {
        events.onFrame(new Frame.Error(code, code.name().toLowerCase()));
    }

    /** The transport dies without a code. */
    void drop() {
        events.onDropped("connection reset", null);
    }

    /** Frames the client wrote, of this type, in order. */
    <T extends Frame> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The code of the client's close, or -1. */
    int clientCloseCode() {
        return clientCloseCode;
    }
}
