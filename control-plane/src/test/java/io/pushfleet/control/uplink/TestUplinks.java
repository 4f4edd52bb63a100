package io.pushfleet.control.uplink;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.kafka.UplinkRecord;

import java.time.Instant;

/** Uplink records as an edge produces them, for unit and integration tests. */
final class TestUplinks {

    static final Instant RECEIVED_AT = Instant.parse("2026-03-01T10:00:00.123Z");

    private TestUplinks() {
    }

    /** An {@code uplink} (no target) with body {@code {"n": <msgId>}}. */
    static UplinkRecord uplink(long msgId, long userId, String device, String clientMsgId) {
        return new UplinkRecord(UplinkRecord.Kind.UPLINK, new MessageId(msgId), new UserId(userId), new DeviceId(device),
                clientMsgId, null, new RawJson("{\"n\":" + msgId + "}"), new NodeId("edge-a"), RECEIVED_AT);
    }

    /** A chat {@code send} to one user. */
    static UplinkRecord send(long msgId, long userId, String device, String clientMsgId, long toUser) {
        return new UplinkRecord(UplinkRecord.Kind.SEND, new MessageId(msgId), new UserId(userId), new DeviceId(device),
                clientMsgId, new Target.User(new UserId(toUser)), new RawJson("{\"text\":\"hi " + msgId + "\"}"),
                new NodeId("edge-b"), RECEIVED_AT.plusMillis(msgId % 1000));
    }
}
