package io.pushfleet.edge.session;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The state of one connection: who it is, when it was last heard from, and how it is closing. There is
 * exactly one per channel, found with {@link #of(Channel)}; nothing else per idle connection is kept.
 *
 * <p>Not thread-safe: every method except {@link #connId()}, {@link #channel()}, {@link #transport()},
 * {@link #userId()}, {@link #deviceId()} and {@link #encoding()} must be called on the channel's event loop.
 * The ids are written once and the encoding is fixed (PROTOCOL 1: the auth frame's encoding sticks) before the
 * session is published to {@link ConnectionRegistry}, so other threads that find it there may read them.
 * Times are nanos of the event loop's ticker.
 */
public final class Session {

    private static final AttributeKey<Session> KEY = AttributeKey.valueOf(Session.class, "session");
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NOT_ASKED = Long.MIN_VALUE;

    private final Channel channel;
    private final long connId;
    private final Transport transport;
    private final long openedNanos;

    private SessionState state = SessionState.AWAITING_AUTH;
    private WireEncoding encoding;
    private boolean upgraded;
    private UserId userId;
    private DeviceId deviceId;
    private long lastSeenNanos;
    private long rateWindowStartNanos;
    private int framesInWindow;
    private long unwritableSinceNanos = -1;
    private CloseCode closeCode;
    private String closeReason;
    private long closingSinceNanos;
    /** When {@code reconnect} was sent, or {@link #NOT_ASKED}. */
    private long reconnectAskedNanos = NOT_ASKED;

    // Links of the owning event loop's list (LoopSessions); touched only by that loop.
    Session prev;
    Session next;
    LoopSessions owner;
    /** On the owner's watch list (LoopSessions): in, or lately in, a state with a short limit. */
    boolean watched;

    /** Creates the session of {@code channel} and attaches it to the channel. */
    public static Session attach(Channel channel, long connId, Transport transport, long nowNanos) {
        Session session = new Session(channel, connId, transport, nowNanos);
        if (channel.attr(KEY).setIfAbsent(session) != null) {
            throw new IllegalStateException("channel " + channel.id() + " already has a session");
        }
        return session;
    }

    /** The session attached to {@code channel}, or {@code null} before it became active. */
    public static Session of(Channel channel) {
        return channel.attr(KEY).get();
    }

    private Session(Channel channel, long connId, Transport transport, long nowNanos) {
        this.channel = requireNonNull(channel, "channel");
        this.transport = requireNonNull(transport, "transport");
        if (connId <= 0) {
            throw new IllegalArgumentException("connId: " + connId + " (expected: > 0)");
        }
        this.connId = connId;
        this.openedNanos = nowNanos;
        this.lastSeenNanos = nowNanos;
        this.rateWindowStartNanos = nowNanos;
        // PROTOCOL 1: TCP speaks binary; a WebSocket client is assumed to speak JSON until its auth frame says otherwise.
        this.encoding = transport == Transport.TCP ? WireEncoding.BINARY : WireEncoding.JSON;
    }

    public Channel channel() {
        return channel;
    }

    /** Per-node connection id; with the node id and boot epoch it names this connection in the route table. */
    public long connId() {
        return connId;
    }

    public Transport transport() {
        return transport;
    }

    public SessionState state() {
        return state;
    }

    public boolean awaitingAuth() {
        return state == SessionState.AWAITING_AUTH;
    }

    public boolean authenticated() {
        return userId != null;
    }

    public boolean closing() {
        return state == SessionState.CLOSING;
    }

    /** The user, once authenticated; {@code null} before. */
    public UserId userId() {
        return userId;
    }

    /** The device, once authenticated; {@code null} before. */
    public DeviceId deviceId() {
        return deviceId;
    }

    public WireEncoding encoding() {
        return encoding;
    }

    /** Sets the encoding replies use; only while awaiting auth, so the auth frame's encoding sticks. */
    public void encoding(WireEncoding encoding) {
        if (state == SessionState.AWAITING_AUTH) {
            this.encoding = requireNonNull(encoding, "encoding");
        }
    }

    /** True once a WebSocket handshake completed; a TCP session is never upgraded. */
    public boolean upgraded() {
        return upgraded;
    }

    public void markUpgraded() {
        this.upgraded = true;
    }

    /** Moves to {@link SessionState#OPEN}. Returns false when the session is not awaiting auth. */
    public boolean authenticate(UserId userId, DeviceId deviceId, long nowNanos) {
        if (state != SessionState.AWAITING_AUTH) {
            return false;
        }
        this.userId = requireNonNull(userId, "userId");
        this.deviceId = requireNonNull(deviceId, "deviceId");
        this.state = SessionState.OPEN;
        this.lastSeenNanos = nowNanos;
        return true;
    }

    /** PROTOCOL 3.3: any inbound frame is a sign of life. */
    public void touch(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    /** Counts one inbound frame in the current one-second window; false once the window holds more than {@code max}. */
    public boolean countFrame(long nowNanos, int max) {
        if (nowNanos - rateWindowStartNanos >= RATE_WINDOW_NANOS) {
            rateWindowStartNanos = nowNanos;
            framesInWindow = 0;
        }
        return ++framesInWindow <= max;
    }

    /** Records when the channel stopped (or resumed) being writable. */
    public void writability(boolean writable, long nowNanos) {
        if (writable) {
            unwritableSinceNanos = -1;
        } else if (unwritableSinceNanos < 0) {
            unwritableSinceNanos = nowNanos;
            watch();
        }
    }

    /** Starts closing with a reason; false when a close had already started (the first reason wins). */
    public boolean beginClose(CloseCode code, String reason, long nowNanos) {
        if (state == SessionState.CLOSING) {
            return false;
        }
        state = SessionState.CLOSING;
        closeCode = requireNonNull(code, "code");
        closeReason = reason;
        closingSinceNanos = nowNanos;
        watch();
        return true;
    }

    /** Marks a close the peer started (no reason of ours); no-op when we were already closing. */
    public void peerClosed(long nowNanos) {
        if (state != SessionState.CLOSING) {
            state = SessionState.CLOSING;
            closingSinceNanos = nowNanos;
            watch();
        }
    }

    /** Whether this connection was sent {@code reconnect} during the current drain (DESIGN 3.10). */
    public boolean askedToReconnect() {
        return reconnectAskedNanos != NOT_ASKED;
    }

    /** Records that {@code reconnect} was sent at {@code nowNanos}; the sweep closes it after the drain grace. */
    public void askedToReconnect(long nowNanos) {
        reconnectAskedNanos = nowNanos;
        watch();
    }

    /** Forgets the {@code reconnect} request (the drain was called off). */
    void reconnectCalledOff() {
        reconnectAskedNanos = NOT_ASKED;
    }

    /** Why we closed, or {@code null} when the peer closed first. */
    public CloseCode closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    long openedNanos() {
        return openedNanos;
    }

    long lastSeenNanos() {
        return lastSeenNanos;
    }

    long unwritableSinceNanos() {
        return unwritableSinceNanos;
    }

    long closingSinceNanos() {
        return closingSinceNanos;
    }

    long reconnectAskedNanos() {
        return reconnectAskedNanos;
    }

    /**
     * Whether a limit shorter than the idle timeout applies now: awaiting auth, closing, not writable, or asked
     * to reconnect.
     */
    boolean timed() {
        return state != SessionState.OPEN || unwritableSinceNanos >= 0 || askedToReconnect();
    }

    private void watch() {
        if (owner != null) {
            owner.watch(this);
        }
    }

    /** Age in nanos at {@code nowNanos}. */
    public long ageNanos(long nowNanos) {
        return nowNanos - openedNanos;
    }

    @Override
    public String toString() {
        return "Session[connId=" + connId + ", userId=" + userId + ", deviceId=" + deviceId + ", state=" + state + "]";
    }
}
