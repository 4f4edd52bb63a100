package io.pushfleet.model.frame;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One protocol frame (docs/protocol.md, section 2). The records below are the whole model; the binary
 * codec and the JSON mapping in {@code io.pushfleet.model.codec} both encode exactly these.
 */
public sealed interface Frame {

    /** Protocol version written by this code, and the only one it reads. */
    int VERSION = 1;

    FrameType type();

    /** Longest client message id, in characters. */
    int MAX_CLIENT_MSG_ID = 64;
    /** Longest free-text field (reasons, error messages), in characters. */
    int MAX_TEXT = 1024;

    // ---- client to server ----

    /** PROTOCOL 3.1: the first frame of every connection, unless the upgrade carried a bearer token. */
    record Auth(String token) implements Frame {
        public Auth {
            requireNonNull(token, "token");
            if (token.isEmpty()) {
                throw new IllegalArgumentException("token: empty (expected: a JWT)");
            }
        }

        public FrameType type() {
            return FrameType.AUTH;
        }

        @Override
        public String toString() {
            return "Auth[token=***]";
        }
    }

    record Ping() implements Frame {
        public FrameType type() {
            return FrameType.PING;
        }
    }

    record Ack(MessageId msgId) implements Frame {
        public Ack {
            requireNonNull(msgId, "msgId");
        }

        public FrameType type() {
            return FrameType.ACK;
        }
    }

    record Send(Target to, RawJson body, String clientMsgId) implements Frame {
        public Send {
            requireNonNull(to, "to");
            requireNonNull(body, "body");
            requireClientMsgId(clientMsgId);
        }

        public FrameType type() {
            return FrameType.SEND;
        }
    }

    record Uplink(RawJson body, String clientMsgId) implements Frame {
        public Uplink {
            requireNonNull(body, "body");
            requireClientMsgId(clientMsgId);
        }

        public FrameType type() {
            return FrameType.UPLINK;
        }
    }

    // ---- server to client ----

    record AuthOk(UserId userId, DeviceId deviceId, NodeId nodeId, Duration heartbeat) implements Frame {
        public AuthOk {
            requireNonNull(userId, "userId");
            requireNonNull(deviceId, "deviceId");
            requireNonNull(nodeId, "nodeId");
            requirePositiveMillis("heartbeat", heartbeat);
        }

        public FrameType type() {
            return FrameType.AUTH_OK;
        }
    }

    record Pong() implements Frame {
        public FrameType type() {
            return FrameType.PONG;
        }
    }

    /** A message for the client; {@code from} is null for pushes that no user sent. */
    record Push(MessageId msgId, RawJson body, boolean needsAck, UserId from) implements Frame {
        public Push {
            requireNonNull(msgId, "msgId");
            requireNonNull(body, "body");
        }

        public FrameType type() {
            return FrameType.PUSH;
        }
    }

    record Receipt(String clientMsgId, MessageId msgId, ReceiptStatus status) implements Frame {
        public Receipt {
            requireClientMsgId(clientMsgId);
            requireNonNull(msgId, "msgId");
            requireNonNull(status, "status");
        }

        public FrameType type() {
            return FrameType.RECEIPT;
        }
    }

    /** PROTOCOL 3.5: asks the client to log in again and connect elsewhere after {@code delay}. */
    record Reconnect(Duration delay, String reason) implements Frame {
        public Reconnect {
            requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
            }
            requireText("reason", reason);
        }

        public FrameType type() {
            return FrameType.RECONNECT;
        }
    }

    record Error(int code, String message) implements Frame {
        public Error {
            if (code < 0 || code > 0xFFFF) {
                throw new IllegalArgumentException("code: " + code + " (expected: 0..65535)");
            }
            requireText("message", message);
        }

        public Error(CloseCode code, String message) {
            this(code.code(), message);
        }

        public FrameType type() {
            return FrameType.ERROR;
        }
    }

    private static void requireClientMsgId(String clientMsgId) {
        requireNonNull(clientMsgId, "clientMsgId");
        if (clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw new IllegalArgumentException(
                    "clientMsgId: length " + clientMsgId.length() + " (expected: 1.." + MAX_CLIENT_MSG_ID + ")");
        }
    }

    private static void requireText(String name, String text) {
        requireNonNull(text, name);
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + ": length " + text.length() + " (expected: <= " + MAX_TEXT + ")");
        }
    }

    private static void requirePositiveMillis(String name, Duration d) {
        requireNonNull(d, name);
        if (d.toMillis() <= 0) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: >= 1ms)");
        }
    }
}
