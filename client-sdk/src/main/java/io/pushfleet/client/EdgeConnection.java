package io.pushfleet.client;

import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One authenticated connection to one edge, over WebSocket or TCP. It is opened with {@link #open}, which
 * completes after {@code auth_ok}; from then on it heartbeats and acks pushes (unless the options say
 * otherwise) and hands received frames to its {@link FrameListener}. It ends once, with a
 * {@link CloseReason}, and is never reopened: reconnecting (with backoff, to a freshly selected edge) is the
 * job of a {@link PushSession} above it, and so is buffering frames while no connection is open.
 */
public final class EdgeConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeConnection.class);

    /** PROTOCOL 5: error codes below this close the connection; from it on they leave it open. */
    private static final int FIRST_NON_FATAL_CODE = 4100;

    private final EdgeAddress edge;
    private final ConnectOptions options;
    private final FrameListener listener;
    private final ScheduledExecutorService timer;
    private final Wire wire;
    private final CompletableFuture<EdgeConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    /** Set once, by {@link #finish}: the connection is over. */
    private final AtomicReference<CloseReason> ended = new AtomicReference<>();
    /** Set once, when this client asked to close; wins over whatever the transport reports next. */
    private final AtomicReference<CloseReason> closing = new AtomicReference<>();
    private volatile Frame.AuthOk authOk;
    private final Heartbeat heartbeat;

    EdgeConnection(EdgeAddress edge, ConnectOptions options, FrameListener listener, ScheduledExecutorService timer,
                   Function<WireEvents, Wire> wires) {
        this.edge = requireNonNull(edge, "edge");
        this.options = requireNonNull(options, "options");
        this.listener = requireNonNull(listener, "listener");
        this.timer = requireNonNull(timer, "timer");
        this.heartbeat = new Heartbeat(timer, options.maxSilentHeartbeats(), this::heartbeatPing, this::edgeSilent);
        this.wire = wires.apply(new Events());
    }

    /**
     * Connects to {@code edge}, authenticates with {@code token} and completes after {@code auth_ok}. Fails
     * with {@link EdgeConnectException} when the edge refuses or cannot be reached within the connect
     * timeout. Heartbeats of all connections opened this way share one timer thread.
     */
    public static CompletableFuture<EdgeConnection> open(EdgeAddress edge, String token, ConnectOptions options,
                                                         FrameListener listener) {
        return EdgeConnector.shared().open(edge, token, options, listener);
    }

    CompletableFuture<EdgeConnection> start(String token) {
        ScheduledFuture<?> deadline = timer.schedule(() -> finish(new CloseReason(CloseReason.ABNORMAL_CLOSURE,
                "no auth_ok within " + options.connectTimeout(), false), true, null).abortWire(),
                options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        opened.whenComplete((c, e) -> deadline.cancel(false));
        wire.connect().whenComplete((ignored, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                finish(new CloseReason(CloseReason.ABNORMAL_CLOSURE, "connect failed: " + cause, true), true, cause);
            } else if (!options.authInUpgradeHeader()) {
                // PROTOCOL 3.1: auth must be the first frame. A failed write shows up as a dropped wire.
                wire.send(new Frame.Auth(token)).exceptionally(failure -> {
                    log.debug("auth not sent nodeId={}: {}", edge.nodeId(), failure.toString());
                    return null;
                });
            }
        });
        return opened;
    }

    public EdgeAddress edge() {
        return edge;
    }

    public ConnectOptions options() {
        return options;
    }

    /** The edge's {@code auth_ok}: who this connection is and the heartbeat interval. */
    public Frame.AuthOk authOk() {
        return authOk;
    }

    /** True from {@code auth_ok} until the connection ends. */
    public boolean isOpen() {
        return authOk != null && ended.get() == null;
    }

    /**
     * Sends a client-to-server frame; thread-safe, frames leave in call order. The future completes when
     * the frame is written and fails when the connection is closed or the frame breaks the limits. On TCP
     * the calling thread writes, and blocks while the socket's send buffer is full.
     */
    public CompletableFuture<Void> send(Frame frame) {
        requireNonNull(frame, "frame");
        if (!frame.type().fromClient()) {
            throw new IllegalArgumentException(
                    "frame: " + frame.type().jsonName() + " (expected: a client-to-server frame)");
        }
        CloseReason done = ended.get();
        if (done != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection closed: " + done));
        }
        return wire.send(frame);
    }

    /** Sends bytes as they are (a binary message; on TCP, no length prefix is added). For testing bad input. */
    public CompletableFuture<Void> sendRaw(byte[] bytes) {
        requireNonNull(bytes, "bytes");
        return ended.get() != null ? CompletableFuture.failedFuture(new IllegalStateException("connection closed"))
                : wire.sendRaw(bytes.clone());
    }

    /** Sends text as it is (a text message; on TCP, its UTF-8 bytes). For testing bad input. */
    public CompletableFuture<Void> sendRaw(String text) {
        requireNonNull(text, "text");
        return ended.get() != null ? CompletableFuture.failedFuture(new IllegalStateException("connection closed"))
                : wire.sendRaw(text);
    }

    /** Sends one {@code ping} now, in addition to the automatic heartbeat. */
    public CompletableFuture<Void> ping() {
        return send(new Frame.Ping());
    }

    /**
     * Starts a graceful close and returns at once (safe to call from a listener); {@link #closed()}
     * completes when the edge has answered, or after the close timeout at the latest. Idempotent.
     */
    @Override
    public void close() {
        CloseReason reason = new CloseReason(CloseReason.NORMAL_CLOSURE, "closed by client", false);
        if (ended.get() != null || !closing.compareAndSet(null, reason)) {
            return;
        }
        heartbeat.stop();
        if (authOk == null) { // still connecting: there is no session to close gracefully
            finish(reason, false, null).abortWire();
            return;
        }
        wire.close(reason.code(), "");
        try {
            ScheduledFuture<?> giveUp = timer.schedule(() -> finish(reason, false, null).abortWire(),
                    options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
            closed.whenComplete((r, e) -> giveUp.cancel(false));
        } catch (RejectedExecutionException e) {
            // The timer is gone (the owning PushClient is closing): no waiting for the edge then.
            finish(reason, false, null).abortWire();
        }
    }

    /** Completes once, when the connection has ended, with why. Never fails. */
    public CompletableFuture<CloseReason> closed() {
        return closed.copy();
    }

    /** Drops the transport at once; used when the owning client shuts down. */
    void abort() {
        finish(new CloseReason(CloseReason.NORMAL_CLOSURE, "client shut down", false), false, null).abortWire();
    }

    @Override
    public String toString() {
        return "EdgeConnection[nodeId=" + edge.nodeId() + ", transport=" + options.transport()
                + ", state=" + (ended.get() != null ? "closed" : authOk != null ? "open" : "connecting") + "]";
    }

    // ---- receiving ----

    private void onFrame(Frame frame) {
        heartbeat.heard();
        if (ended.get() != null) {
            return;
        }
        if (authOk == null) {
            switch (frame) {
                case Frame.AuthOk ok -> authenticated(ok);
                case Frame.Error error -> onErrorFrame(error);
                default -> violation(new ProtocolException(CloseCode.PROTOCOL_ERROR,
                        frame.type().jsonName() + ": before auth_ok (expected: auth_ok or error)"));
            }
            return;
        }
        switch (frame) {
            case Frame.Push push -> onPush(push);
            case Frame.Pong pong -> deliver(frame, () -> listener.onPong(pong));
            case Frame.Receipt receipt -> deliver(frame, () -> listener.onReceipt(receipt));
            case Frame.Reconnect reconnect -> deliver(frame, () -> listener.onReconnect(reconnect));
            case Frame.Error error -> onErrorFrame(error);
            default -> violation(new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    frame.type().jsonName() + ": not expected from an edge"));
        }
    }

    private void authenticated(Frame.AuthOk ok) {
        authOk = ok;
        if (options.autoHeartbeat()) {
            heartbeat.start(ok.heartbeat());
        }
        if (opened.complete(this)) {
            log.info("connected nodeId={} userId={} deviceId={} transport={} heartbeat={}", ok.nodeId(), ok.userId(),
                    ok.deviceId(), options.transport(), ok.heartbeat());
        }
    }

    private void onPush(Frame.Push push) {
        if (!deliver(push, () -> listener.onPush(push))) {
            return;
        }
        if (push.needsAck() && options.autoAck()) {
            send(new Frame.Ack(push.msgId())).exceptionally(e -> {
                log.debug("ack not sent nodeId={} msgId={}: {}", edge.nodeId(), push.msgId(), e.toString());
                return null;
            });
        }
    }

    private void onErrorFrame(Frame.Error error) {
        boolean fatal = error.code() < FIRST_NON_FATAL_CODE;
        if (authOk != null) {
            deliver(error, () -> listener.onError(error));
        } else {
            log.debug("error before auth_ok nodeId={} code={}: {}", edge.nodeId(), error.code(), error.message());
        }
        if (fatal) {
            // PROTOCOL 5: on TCP the edge writes the code in an error frame and closes; no need to wait for it.
            finish(new CloseReason(error.code(), error.message(), true), false, null).abortWire();
        }
    }

    private void violation(ProtocolException e) {
        log.warn("edge broke the protocol nodeId={} code={}: {}", edge.nodeId(), e.closeCode().code(), e.getMessage());
        CloseReason reason = new CloseReason(e.closeCode().code(), e.getMessage(), false);
        closing.compareAndSet(null, reason);
        finish(reason, false, e);
        wire.close(reason.code(), reason.reason());
        try {
            timer.schedule(wire::abort, options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException ignored) {
            wire.abort(); // the timer is shut down, so drop the transport now instead of later
        }
    }

    /** Runs one listener call; a throwing listener is logged, never fatal. Answers whether it returned normally. */
    private boolean deliver(Frame frame, Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("listener failed on {} nodeId={}", frame.type().jsonName(), edge.nodeId(), e);
            return false;
        }
    }

    private void heartbeatPing() {
        ping().exceptionally(e -> {
            log.debug("heartbeat ping failed nodeId={}: {}", edge.nodeId(), e.toString());
            return null;
        });
    }

    /** A dead edge or a half-open connection; also catches a drop the transport never reported. */
    private void edgeSilent(String why) {
        finish(new CloseReason(CloseReason.ABNORMAL_CLOSURE, why, false), true, null).abortWire();
    }

    // ---- ending ----

    /**
     * The one place a connection ends: first caller wins, stops the heartbeat, fails the open future if
     * {@code auth_ok} never came, tells the listener and completes {@link #closed()}.
     */
    private EdgeConnection finish(CloseReason reason, boolean transportFailure, Throwable cause) {
        if (!ended.compareAndSet(null, reason)) {
            return this;
        }
        heartbeat.stop();
        boolean neverOpened = opened.completeExceptionally(
                new EdgeConnectException(edge, reason, transportFailure, cause));
        if (neverOpened) {
            log.info("connect failed nodeId={} transport={} code={} reason={}", edge.nodeId(), options.transport(),
                    reason.code(), reason.reason());
        } else {
            log.info("disconnected nodeId={} code={} reason={} byServer={}", edge.nodeId(), reason.code(),
                    reason.reason(), reason.byServer());
            try {
                listener.onClosed(reason);
            } catch (RuntimeException e) {
                log.warn("listener failed on close nodeId={}", edge.nodeId(), e);
            }
        }
        closed.complete(reason);
        return this;
    }

    private void abortWire() {
        wire.abort();
    }

    /** How the wire's events turn into this connection's state. */
    private final class Events implements WireEvents {
        @Override
        public void onFrame(Frame frame) {
            EdgeConnection.this.onFrame(frame);
        }

        @Override
        public void onViolation(ProtocolException violation) {
            if (ended.get() == null) {
                violation(violation);
            }
        }

        @Override
        public void onCloseFrame(int code, String reason) {
            CloseReason requested = closing.get();
            finish(requested != null ? requested : new CloseReason(code, reason, true), false, null);
        }

        @Override
        public void onDropped(String why, Throwable cause) {
            CloseReason requested = closing.get();
            finish(requested != null ? requested : new CloseReason(CloseReason.ABNORMAL_CLOSURE, why, true),
                    true, cause);
        }
    }
}
