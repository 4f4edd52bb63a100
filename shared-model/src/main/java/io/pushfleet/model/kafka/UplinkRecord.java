package io.pushfleet.model.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A client's {@code send} or {@code uplink} as produced to {@link Topics#UPLINK} (key = user id). The
 * consumer persists it once per (user, device, clientMsgId). JSON by hand, so the native edge needs no
 * reflection.
 */
public record UplinkRecord(Kind kind, MessageId msgId, UserId userId, DeviceId deviceId, String clientMsgId,
                           Target to, RawJson body, NodeId node, Instant receivedAt) {

    /** Which frame the record came from. */
    public enum Kind { SEND, UPLINK }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public UplinkRecord {
        requireNonNull(kind, "kind");
        requireNonNull(msgId, "msgId");
        requireNonNull(userId, "userId");
        requireNonNull(deviceId, "deviceId");
        requireNonNull(clientMsgId, "clientMsgId");
        requireNonNull(body, "body");
        requireNonNull(node, "node");
        requireNonNull(receivedAt, "receivedAt");
        if ((kind == Kind.SEND) != (to != null)) {
            throw new IllegalArgumentException("to: required for SEND and absent for UPLINK");
        }
    }

    /** The record key: the sender's user id, so one user's messages stay in order on one partition. */
    public String key() {
        return userId.toString();
    }

    public byte[] toJsonBytes() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", kind.name());
        o.put("msgId", msgId.toString());
        o.put("userId", userId.value());
        o.put("deviceId", deviceId.value());
        o.put("clientMsgId", clientMsgId);
        if (to instanceof Target.User u) {
            o.putObject("to").put("user", u.userId().value());
        } else if (to instanceof Target.Group g) {
            o.putObject("to").put("group", g.groupId().value());
        }
        try {
            o.set("body", MAPPER.readTree(body.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not valid JSON", e);
        }
        o.put("node", node.value());
        o.put("receivedAt", receivedAt.toEpochMilli());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static UplinkRecord fromJsonBytes(byte[] bytes) {
        try {
            JsonNode o = MAPPER.readTree(bytes);
            JsonNode to = o.get("to");
            Target target = null;
            if (to != null && to.has("user")) {
                target = new Target.User(new UserId(to.get("user").asLong()));
            } else if (to != null && to.has("group")) {
                target = new Target.Group(new GroupId(to.get("group").asLong()));
            }
            return new UplinkRecord(Kind.valueOf(o.path("kind").asText()), MessageId.parse(o.path("msgId").asText()),
                    new UserId(o.path("userId").asLong()), new DeviceId(o.path("deviceId").asText()),
                    o.path("clientMsgId").asText(), target, new RawJson(o.path("body").toString()),
                    new NodeId(o.path("node").asText()), Instant.ofEpochMilli(o.path("receivedAt").asLong()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("uplink record: not JSON", e);
        }
    }
}
