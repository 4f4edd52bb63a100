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

    /** Parses {@link #toJsonBytes()} output; a missing or mistyped field is an {@link IllegalArgumentException}. */
    public static UplinkRecord fromJsonBytes(byte[] bytes) {
        JsonNode o;
        try {
            o = MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("uplink record: not JSON", e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("uplink record: expected a JSON object");
        }
        JsonNode to = o.get("to");
        Target target = null;
        if (to != null && !to.isNull()) {
            target = to.has("user") ? new Target.User(new UserId(integer(to, "user")))
                    : new Target.Group(new GroupId(integer(to, "group")));
        }
        JsonNode body = o.get("body");
        if (body == null) {
            throw new IllegalArgumentException("uplink record: body missing");
        }
        String clientMsgId = text(o, "clientMsgId");
        if (clientMsgId.isEmpty() || clientMsgId.length() > io.pushfleet.model.frame.Frame.MAX_CLIENT_MSG_ID) {
            throw new IllegalArgumentException("uplink record: clientMsgId length " + clientMsgId.length()
                    + " (expected: 1.." + io.pushfleet.model.frame.Frame.MAX_CLIENT_MSG_ID + ")");
        }
        try {
            return new UplinkRecord(Kind.valueOf(text(o, "kind")), MessageId.parse(text(o, "msgId")),
                    new UserId(integer(o, "userId")), new DeviceId(text(o, "deviceId")), clientMsgId, target,
                    new RawJson(body.toString()), new NodeId(text(o, "node")), Instant.ofEpochMilli(integer(o, "receivedAt")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uplink record: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("uplink record: " + field + " missing or not a string");
        }
        return v.textValue();
    }

    private static long integer(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("uplink record: " + field + " missing or not an integer");
        }
        return v.longValue();
    }
}
