package io.pushfleet.client;

import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * A device that stays logged in: it logs in, connects, and after a lost connection or an edge's
 * {@code reconnect} frame gets a freshly selected node by refreshing its token (logging in again only when the
 * refresh is refused) and connects again with backoff, until {@link #close()} or a failure that retrying
 * cannot fix ({@link SessionEnd}). Messages go through a bounded buffer and are sent, in order, whenever a
 * connection is open, until their receipt arrives; pushes seen before are dropped. docs/client-sdk.md,
 * "Sessions", has the whole contract. Thread-safe; all sessions of a {@link PushClient} share its timer
 * thread, and work that may block runs on short-lived virtual threads, so idle sessions hold no thread.
 */
public final class PushSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushSession.class);

    /** PROTOCOL 3.4: the edge refuses a {@code send} whose body is within this many bytes of the frame limit. */
    static final int SEND_BODY_HEADROOM_BYTES = 128;

    /**
     * Longest a move an edge asked for waits for the receipts of messages already written on the connection it
     * leaves: leaving first would lose them, and the messages would go again under new message ids (a duplicate
     * the target cannot recognise).
     */
    static final Duration MOVE_RECEIPT_WAIT = Duration.ofSeconds(5);
    private static final Duration MOVE_POLL = Duration.ofMillis(50);

    /** Where a session is; {@link #WAITING} is the backoff between two attempts. */
    public enum State { CONNECTING, CONNECTED, WAITING, CLOSED }

    private final SessionRuntime rt;
    private final SessionListener listener;
    private final ConnectOptions options;
    private final DeviceId deviceId;
    private final Duration stableAfter;
    private final long sendIntervalNanos;
    private final FrameCodec codec;
    private final ReceivedIds received;
    private final int maxOwedAcks;
    private final OrderedCalls calls = new OrderedCalls();
    private final CompletableFuture<SessionEnd> closed = new CompletableFuture<>();
    /**
     * Held while a push is checked, delivered and remembered, so the same push arriving on an old and a new
     * connection at once is still delivered once. Only pushes take it; never the session's lock.
     */
    private final ReentrantLock deliveries = new ReentrantLock();

    // Guarded by this. A generation number per attempt: callbacks of an older attempt or connection are ignored.
    private final Outbox outbox;
    private volatile State state = State.CONNECTING;
    private long generation;
    /** Failures (lost connections, failed attempts) since the last connection that stayed up for stableAfter. */
    private int failures;
    private LoginResponse login;
    private NodeId lostNode;
    private volatile EdgeConnection connection;
    private long connectedAt;
    private boolean reconnectAsked;
    /** A move is waiting for receipts: nothing new is written meanwhile. */
    private boolean moving;
    private long moveDeadline;
    private Scheduler.Cancellable pendingAttempt;
    private boolean draining;
    /** Acks no connection could carry when they were due (the push came on a closing one): sent on the next. */
    private final Set<MessageId> owedAcks = new LinkedHashSet<>();
    private long nextSendAt;
    private SessionEnd end;

    private PushSession(DeviceId deviceId, SessionOptions settings, ConnectOptions options, SessionListener listener,
                        SessionRuntime rt) {
        this.deviceId = requireNonNull(deviceId, "deviceId");
        this.options = requireNonNull(options, "options");
        this.listener = requireNonNull(listener, "listener");
        this.rt = requireNonNull(rt, "rt");
        this.stableAfter = settings.stableAfter();
        this.sendIntervalNanos = 1_000_000_000L / settings.maxSendRate();
        this.codec = options.transport() == Transport.WEBSOCKET_JSON
                ? new JsonCodec(options.limits()) : new BinaryCodec(options.limits());
        this.received = new ReceivedIds(settings.dedupeWindow());
        this.maxOwedAcks = settings.dedupeWindow();
        this.outbox = new Outbox(settings.bufferCapacity());
        this.nextSendAt = rt.scheduler().nanoTime();
    }

    /**
     * The options of a session's connections: the session acks pushes itself, so that an ack the connection a
     * push came on can no longer carry (it was closing to follow a {@code reconnect}) goes on the next one.
     */
    static ConnectOptions connectionOptions(ConnectOptions options) {
        return options.toBuilder().autoAck(false).build();
    }

    /** A session not started yet; {@link #start()} begins; see {@link PushClient#session}. */
    static PushSession create(DeviceId deviceId, SessionOptions settings, ConnectOptions options,
                              SessionListener listener, SessionRuntime rt) {
        return new PushSession(deviceId, settings, options, listener, rt);
    }

    // ---- the application's side ----

    /** Buffers a chat message with a new random clientMsgId; see {@link #send(Frame.Send)}. */
    public CompletableFuture<Frame.Receipt> send(Target to, RawJson body) {
        return send(new Frame.Send(to, body, UUID.randomUUID().toString()));
    }

    /**
     * Buffers a chat message and answers its receipt (any status; {@code failed} may be retried with the same
     * clientMsgId). The future fails with {@link SessionClosedException} when the session ends first. Throws
     * {@link BufferFullException} when the buffer is full, {@link SessionClosedException} after the end, and
     * {@link IllegalArgumentException} for a frame over the limits or a clientMsgId still buffered.
     */
    public CompletableFuture<Frame.Receipt> send(Frame.Send frame) {
        int bodyBytes = frame.body().json().getBytes(StandardCharsets.UTF_8).length;
        int maxBody = options.limits().maxFrameBytes() - SEND_BODY_HEADROOM_BYTES;
        if (bodyBytes > maxBody) {
            throw new IllegalArgumentException("body: " + bodyBytes + " bytes (expected: <= " + maxBody + ")");
        }
        return buffer(frame, frame.clientMsgId());
    }

    /** Buffers telemetry with a new random clientMsgId; see {@link #uplink(Frame.Uplink)}. */
    public CompletableFuture<Frame.Receipt> uplink(RawJson body) {
        return uplink(new Frame.Uplink(body, UUID.randomUUID().toString()));
    }

    /** As {@link #send(Frame.Send)}, for an {@code uplink}. */
    public CompletableFuture<Frame.Receipt> uplink(Frame.Uplink frame) {
        return buffer(frame, frame.clientMsgId());
    }

    /** With auto-ack off: acks a push on the current connection; fails when there is none. */
    public CompletableFuture<Void> ack(MessageId msgId) {
        EdgeConnection c = connection;
        return c == null ? CompletableFuture.failedFuture(new IllegalStateException("not connected"))
                : c.send(new Frame.Ack(msgId));
    }

    private CompletableFuture<Frame.Receipt> buffer(Frame frame, String clientMsgId) {
        try {
            codec.encode(frame);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("frame: " + e.getMessage(), e);
        }
        Outbox.Pending p;
        synchronized (this) {
            if (end != null) {
                throw new SessionClosedException(end);
            }
            p = outbox.add(frame, clientMsgId);
            drainIfIdle();
        }
        calls.run();
        return p.receipt();
    }

    /** Ends the session: closes the connection, fails buffered messages, then {@code onClosed}. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (end == null) {
                end(new SessionEnd.ClosedByClient());
            }
        }
        calls.run();
    }

    public State state() {
        return state;
    }

    /** Messages buffered without a receipt. */
    public synchronized int pending() {
        return outbox.size();
    }

    /** Pushes dropped because their message id was seen before. */
    public long duplicatePushes() {
        return received.duplicates();
    }

    /** Completes once, with why the session ended. */
    public CompletableFuture<SessionEnd> closed() {
        return closed.copy();
    }

    // ---- connecting ----

    /** Starts the first login and connect in the background. Once. */
    void start() {
        long gen;
        synchronized (this) {
            gen = ++generation;
        }
        rt.blocking().execute(() -> attempt(gen));
    }

    /** One attempt: a fresh node selection (login at first, then refresh), then each edge in order. May block. */
    private void attempt(long gen) {
        LoginResponse last;
        synchronized (this) {
            if (gen != generation || end != null) {
                return;
            }
            state = State.CONNECTING;
            last = login;
            int retry = failures;
            calls.add(() -> listener.onConnecting(retry));
        }
        calls.run();
        LoginResponse current;
        try {
            current = selectNode(last);
        } catch (RuntimeException e) {
            failed(gen, e);
            return;
        }
        List<EdgeAddress> edges;
        synchronized (this) {
            if (gen != generation || end != null) {
                return;
            }
            login = current;
            edges = new ArrayList<>(current.edges());
            // The edge just lost goes last: the others are likelier to answer.
            edges.sort((a, b) -> Boolean.compare(a.nodeId().equals(lostNode), b.nodeId().equals(lostNode)));
        }
        ConnectionListener events = new ConnectionListener(gen);
        CompletableFuture<EdgeConnection> opening;
        try {
            opening = PushClient.connectInOrder(edges, edge -> rt.opener().open(edge, current.token(), events));
        } catch (RuntimeException e) {
            failed(gen, e);
            return;
        }
        opening.whenComplete((c, e) -> {
            if (e != null) {
                failed(gen, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else {
                connected(gen, c);
            }
        });
    }

    /**
     * The login's answer to connect with: the first login, then a refresh of the last token (no password, so no
     * bcrypt on the control plane, which matters when a dead edge's clients all come back at once); a refused
     * refresh (a token too old or no longer accepted) logs in with the password. When the control plane cannot be
     * reached, the last answer's edges are tried with its token while that is valid. May block.
     */
    private LoginResponse selectNode(LoginResponse last) {
        if (last == null) {
            return rt.login().get();
        }
        try {
            return rt.refresh().apply(last.token());
        } catch (ApiException e) {
            if (!ReconnectRules.terminal(e)) {
                throw e;
            }
            log.info("refresh refused deviceId={} code={}; logging in again", deviceId, e.code());
            return rt.login().get();
        } catch (UncheckedIOException e) {
            if (last.expiresAt().isBefore(rt.scheduler().now().plus(options.connectTimeout()))) {
                throw e;
            }
            log.info("control plane unreachable deviceId={}; trying the last edges: {}", deviceId, e.getMessage());
            return last;
        }
    }

    private void connected(long gen, EdgeConnection c) {
        boolean stale;
        synchronized (this) {
            stale = gen != generation || end != null;
            // Not open any more: its onClosed has come or is coming, and decides what follows.
            if (!stale && c.isOpen()) {
                state = State.CONNECTED;
                connection = c;
                connectedAt = rt.scheduler().nanoTime();
                lostNode = null;
                outbox.rewind();
                Frame.AuthOk ok = c.authOk();
                calls.add(() -> listener.onConnected(ok));
                drainIfIdle();
                List<MessageId> owed = List.copyOf(owedAcks);
                owedAcks.clear();
                calls.add(() -> owed.forEach(this::sendAck));
            }
        }
        if (stale) {
            c.close();
        }
        calls.run();
    }

    private void failed(long gen, Throwable e) {
        synchronized (this) {
            if (gen != generation || end != null) {
                return;
            }
            if (e instanceof ApiException api && ReconnectRules.terminal(api)) {
                end(new SessionEnd.LoginRefused(api));
            } else if (e instanceof EdgeConnectException ce && !ce.transportFailure()
                    && ReconnectRules.terminal(ce.closeReason())) {
                end(new SessionEnd.RefusedByEdge(ce.closeReason()));
            } else {
                retryLater("attempt failed: " + e.getMessage());
            }
        }
        calls.run();
    }

    private void lost(long gen, CloseReason reason, NodeId node) {
        synchronized (this) {
            if (gen != generation || end != null) {
                return;
            }
            boolean stable = state == State.CONNECTED
                    && rt.scheduler().nanoTime() - connectedAt >= stableAfter.toNanos();
            connection = null;
            if (ReconnectRules.terminal(reason)) {
                end(new SessionEnd.RefusedByEdge(reason));
            } else if (reconnectAsked) {
                state = State.WAITING; // the move the edge asked for is already scheduled
            } else {
                if (stable) {
                    failures = 0;
                }
                lostNode = node;
                retryLater("connection lost: " + reason.code() + " " + reason.reason());
            }
        }
        calls.run();
    }

    /** Under the lock: the next attempt after full-jitter backoff; older connections' callbacks become stale. */
    private void retryLater(String why) {
        Duration delay = backoff().retryDelay(failures, rt.random());
        failures++;
        state = State.WAITING;
        long gen = ++generation;
        int retry = failures;
        log.info("reconnecting deviceId={} retry={} in={} after: {}", deviceId, retry, delay, why);
        calls.add(() -> listener.onReconnecting(retry, delay, why));
        pendingAttempt = rt.scheduler().schedule(delay, () -> rt.blocking().execute(() -> attempt(gen)));
    }

    /**
     * PROTOCOL 3.5: keep the connection until the edge's delay (plus jitter) is over, then until the receipts of
     * what was written on it came (at most {@link #MOVE_RECEIPT_WAIT}), then log in anew.
     */
    private void reconnectAsked(long gen, Frame.Reconnect frame) {
        synchronized (this) {
            if (gen != generation || state != State.CONNECTED || reconnectAsked) {
                return;
            }
            reconnectAsked = true;
            failures = 0;
            Duration delay = backoff().reconnectDelay(frame.delay(), rt.random());
            log.info("edge asked to reconnect deviceId={} in={} reason={}", deviceId, delay, frame.reason());
            calls.add(() -> listener.onReconnecting(0, delay, "edge asked to reconnect: " + frame.reason()));
            pendingAttempt = rt.scheduler().schedule(delay, () -> rt.blocking().execute(() -> moveOn(gen)));
        }
        calls.run();
    }

    private void moveOn(long gen) {
        EdgeConnection old;
        long next;
        synchronized (this) {
            if (gen != generation || end != null) {
                return;
            }
            long now = rt.scheduler().nanoTime();
            if (!moving) {
                moving = true;
                moveDeadline = now + MOVE_RECEIPT_WAIT.toNanos();
            }
            if (connection != null && outbox.inFlight() && now - moveDeadline < 0) {
                pendingAttempt = rt.scheduler().schedule(MOVE_POLL, () -> rt.blocking().execute(() -> moveOn(gen)));
                return;
            }
            moving = false;
            old = connection;
            connection = null;
            // Not CONNECTED from here on: a send now is buffered, not written to the connection being left.
            state = State.CONNECTING;
            reconnectAsked = false;
            if (old != null) {
                lostNode = old.edge().nodeId();
            }
            next = ++generation;
        }
        if (old != null) {
            old.close();
        }
        attempt(next);
    }

    private Backoff backoff() {
        return login != null ? login.backoff() : Backoff.DEFAULT;
    }

    /** Under the lock: ends for good; the connection's close, the failures and the listener call follow in order. */
    private void end(SessionEnd why) {
        end = why;
        state = State.CLOSED;
        generation++;
        if (pendingAttempt != null) {
            pendingAttempt.cancel();
        }
        EdgeConnection c = connection;
        connection = null;
        List<Outbox.Pending> unsent = outbox.clear();
        owedAcks.clear();
        if (why instanceof SessionEnd.ClosedByClient) {
            log.debug("session closed deviceId={} unsent={}", deviceId, unsent.size());
        } else {
            log.warn("session ended deviceId={} unsent={}: {}", deviceId, unsent.size(), why);
        }
        if (c != null) {
            calls.add(c::close);
        }
        calls.add(() -> unsent.forEach(p -> p.receipt().completeExceptionally(new SessionClosedException(why))));
        calls.add(() -> listener.onClosed(why));
        calls.add(() -> closed.complete(why));
    }

    // ---- sending ----

    /** Under the lock: starts the one sender of this session when there is something to send. */
    private void drainIfIdle() {
        if (state == State.CONNECTED && !draining && !moving && outbox.hasUnsent()) {
            draining = true;
            calls.add(() -> rt.blocking().execute(this::drain));
        }
    }

    /** Writes buffered frames in order, at most maxSendRate per second; may block on a full TCP socket. */
    private void drain() {
        while (true) {
            EdgeConnection c;
            Outbox.Pending p;
            synchronized (this) {
                if (state != State.CONNECTED || moving || !outbox.hasUnsent()) {
                    draining = false;
                    return;
                }
                long now = rt.scheduler().nanoTime();
                if (now - nextSendAt < 0) {
                    // Still the sender: the scheduled run continues where this one stops.
                    rt.scheduler().schedule(Duration.ofNanos(nextSendAt - now), () -> rt.blocking().execute(this::drain));
                    return;
                }
                nextSendAt = now + sendIntervalNanos;
                p = outbox.next();
                c = connection;
            }
            // A failed write needs nothing here: the connection ends, and the frame goes again on the next one.
            c.send(p.frame()).exceptionally(e -> {
                log.debug("write failed deviceId={} clientMsgId={}: {}", deviceId, p.clientMsgId(), e.toString());
                return null;
            });
        }
    }

    // ---- receiving ----

    private void receipt(Frame.Receipt r) {
        synchronized (this) {
            Outbox.Pending p = outbox.receipt(r.clientMsgId());
            if (p == null) {
                log.debug("receipt for no buffered message deviceId={} clientMsgId={}", deviceId, r.clientMsgId());
                return;
            }
            calls.add(() -> p.receipt().complete(r));
        }
        calls.run();
    }

    private void push(Frame.Push push) {
        if (state == State.CLOSED) {
            return;
        }
        boolean ack;
        deliveries.lock();
        try {
            if (received.seen(push.msgId())) {
                // PROTOCOL 3.4: dropped, but acked again so the server stops resending it.
                ack = push.needsAck();
            } else {
                listener.onPush(push); // a throw propagates: no ack, not remembered, so a resend is delivered
                received.remember(push.msgId());
                ack = push.needsAck() && options.autoAck();
            }
        } finally {
            deliveries.unlock();
        }
        if (ack) {
            sendAck(push.msgId());
        }
    }

    /**
     * Acks on the current connection, whichever the push came on (an edge takes a user's ack on any of the
     * user's connections). Without a connection, or when the write fails on one that is ending, the ack waits
     * for the next connection; at most the dedupe window of them wait, the oldest are dropped (their pushes stay
     * {@code written} on the server).
     */
    private void sendAck(MessageId msgId) {
        EdgeConnection c;
        synchronized (this) {
            c = connection;
            if (c == null) {
                owe(msgId);
                return;
            }
        }
        c.send(new Frame.Ack(msgId)).exceptionally(e -> {
            boolean retry;
            synchronized (this) {
                retry = connection != null && connection != c;
                if (!retry) {
                    owe(msgId);
                }
            }
            if (retry) {
                sendAck(msgId);
            }
            return null;
        });
    }

    /** Under the lock. */
    private void owe(MessageId msgId) {
        if (end != null) {
            return;
        }
        owedAcks.add(msgId);
        if (owedAcks.size() > maxOwedAcks) {
            owedAcks.remove(owedAcks.iterator().next());
        }
    }

    /** The frames of one attempt's connection, tagged with the attempt's generation. */
    private final class ConnectionListener implements FrameListener {
        private final long gen;

        ConnectionListener(long gen) {
            this.gen = gen;
        }

        @Override
        public void onPush(Frame.Push push) {
            push(push);
        }

        @Override
        public void onReceipt(Frame.Receipt receipt) {
            receipt(receipt);
        }

        @Override
        public void onReconnect(Frame.Reconnect reconnect) {
            reconnectAsked(gen, reconnect);
        }

        @Override
        public void onError(Frame.Error error) {
            if (state != State.CLOSED) {
                listener.onError(error);
            }
        }

        @Override
        public void onClosed(CloseReason reason) {
            EdgeConnection c = connection;
            lost(gen, reason, c != null ? c.edge().nodeId() : lostNode);
        }
    }
}
