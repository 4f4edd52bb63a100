package io.pushfleet.model.frame;

/**
 * Why a connection was closed (docs/protocol.md, section 5). On WebSocket the code is the close frame's
 * status; on TCP an {@code error} frame with the code is written before the close. Codes 4000-4099
 * are fatal; codes 4100 and up are sent in {@code error} frames that leave the connection open.
 */
public enum CloseCode {
    /** Malformed frame: truncated, bad length, unknown type, bad UTF-8 or JSON, wrong field type. */
    PROTOCOL_ERROR(4000),
    /** PROTOCOL 3.1: the first frame was not {@code auth}. */
    AUTH_REQUIRED(4001),
    /** The token is malformed, wrongly signed, for another issuer or audience, or uses a refused algorithm. */
    AUTH_FAILED(4002),
    /** The token's {@code exp} has passed (or its {@code nbf} has not come). */
    TOKEN_EXPIRED(4003),
    /** No {@code auth} frame within the auth timeout. */
    AUTH_TIMEOUT(4004),
    /** A frame over the size limit. */
    FRAME_TOO_LARGE(4005),
    /** More frames per second than the limit. */
    RATE_LIMITED(4006),
    /** No frame for the idle limit (heartbeat intervals times the allowed misses). */
    IDLE_TIMEOUT(4007),
    /** The same user and device connected again, here or on another node. */
    REPLACED(4008),
    /** A frame with a protocol version this server does not speak. */
    UNSUPPORTED_VERSION(4009),
    /** The client stopped reading and its outbound buffer filled up. */
    SLOW_CONSUMER(4010),
    /** The node is shutting down or draining; reconnect elsewhere. */
    GOING_AWAY(4011),
    /** A server fault; the client may reconnect. */
    INTERNAL_ERROR(4012),
    /** Non-fatal: a frame type the client may not send now (for example a second {@code auth}). */
    UNEXPECTED_FRAME(4100),
    /** Non-fatal: the frame was understood but refused (for example an unknown target). */
    REJECTED(4101);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean fatal() {
        return code < 4100;
    }

    /** The code with this number, or {@code null} when there is none. */
    public static CloseCode of(int code) {
        for (CloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
