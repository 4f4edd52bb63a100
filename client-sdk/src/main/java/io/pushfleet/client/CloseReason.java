package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Why an {@link EdgeConnection} ended. {@code code} is a WebSocket-style status: one of the protocol's
 * {@link CloseCode}s (4000 and up, docs/protocol.md section 5), {@link #NORMAL_CLOSURE} when this client
 * closed, or {@link #ABNORMAL_CLOSURE} when the transport dropped without a code. {@code byServer} is false
 * when this client ended the connection (by {@code close()}, a timeout, or because the edge broke the
 * protocol) and true when the edge or the network did.
 */
public record CloseReason(int code, String reason, boolean byServer) {

    /** RFC 6455: a normal closure, used when this client closes. */
    public static final int NORMAL_CLOSURE = 1000;
    /** RFC 6455: the connection dropped without a close code (EOF, I/O error, connect failure). */
    public static final int ABNORMAL_CLOSURE = 1006;

    public CloseReason {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("code: " + code + " (expected: 0..65535)");
        }
        requireNonNull(reason, "reason");
    }

    /** The protocol close code, when {@code code} is one. */
    public Optional<CloseCode> closeCode() {
        return Optional.ofNullable(CloseCode.of(code));
    }
}
