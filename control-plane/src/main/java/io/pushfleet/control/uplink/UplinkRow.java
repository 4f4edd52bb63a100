package io.pushfleet.control.uplink;

import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.kafka.UplinkRecord;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code messages}, checked against the column limits so the insert can only ever be refused
 * for a duplicate key. {@code traceId} may be null.
 */
public record UplinkRow(MessageId msgId, UplinkRecord.Kind kind, UserId userId, DeviceId deviceId, String clientMsgId,
                        Target to, String body, NodeId node, Instant receivedAt, String traceId) {

    /** protocol.md 2: clientMsgId is 1 to 64 characters. */
    public static final int CLIENT_MSG_ID_MAX_LENGTH = 64;
    public static final int TRACE_ID_MAX_LENGTH = 64;
    /** MEDIUMTEXT holds 16 MiB of bytes; Kafka's default record limit (1 MiB) keeps us far below. */
    static final int BODY_MAX_CHARS = 4 * 1024 * 1024;
    /** DATETIME's range ends with year 9999; anything near it is a broken clock or a forged record. */
    private static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

    public UplinkRow {
        requireNonNull(msgId, "msgId");
        requireNonNull(kind, "kind");
        requireNonNull(userId, "userId");
        requireNonNull(deviceId, "deviceId");
        requireNonNull(clientMsgId, "clientMsgId");
        requireNonNull(body, "body");
        requireNonNull(node, "node");
        requireNonNull(receivedAt, "receivedAt");
        if (clientMsgId.isEmpty() || clientMsgId.codePointCount(0, clientMsgId.length()) > CLIENT_MSG_ID_MAX_LENGTH) {
            throw new IllegalArgumentException("clientMsgId: length " + clientMsgId.length() + " (expected: 1.."
                    + CLIENT_MSG_ID_MAX_LENGTH + ")");
        }
        if (body.isEmpty() || body.length() > BODY_MAX_CHARS) {
            throw new IllegalArgumentException("body: " + body.length() + " characters (expected: 1.." + BODY_MAX_CHARS + ")");
        }
        if (!receivedAt.isAfter(Instant.EPOCH) || receivedAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("receivedAt: " + receivedAt + " (expected: after 1970 and before 9000)");
        }
        if ((kind == UplinkRecord.Kind.SEND) != (to != null)) {
            throw new IllegalArgumentException("to: required for SEND and absent for UPLINK");
        }
        if (traceId != null && (traceId.isEmpty() || traceId.length() > TRACE_ID_MAX_LENGTH)) {
            throw new IllegalArgumentException("traceId: length " + traceId.length() + " (expected: 1.." + TRACE_ID_MAX_LENGTH + ")");
        }
    }

    /** The row for a decoded record and the trace id from its header (null if absent). */
    public static UplinkRow of(UplinkRecord record, String traceId) {
        return new UplinkRow(record.msgId(), record.kind(), record.userId(), record.deviceId(), record.clientMsgId(),
                record.to(), record.body().json(), record.node(), record.receivedAt(), traceId);
    }
}
