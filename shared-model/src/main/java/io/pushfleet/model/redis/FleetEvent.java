package io.pushfleet.model.redis;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An entry of the events stream ({@link RedisKeys#EVENTS_STREAM}): what edges tell the control plane.
 * Edges batch: one {@link Delivered} per command entry, acks collected over a short interval. The
 * control plane reads them in the consumer group {@link RedisKeys#EVENTS_GROUP} and applies each
 * idempotently, so an entry delivered twice changes nothing.
 */
public sealed interface FleetEvent {

    String TYPE = "type";

    NodeId node();

    Map<String, String> toFields();

    /**
     * A push entry's outcome on one node: written to every local device of {@code written}; {@code absent} had
     * none. {@code traceId} is the entry's (empty when it had none), so the control plane logs its handling
     * under the trace of the push (DESIGN 3.11).
     */
    record Delivered(NodeId node, MessageId msgId, long taskId, List<UserId> written, List<UserId> absent,
                     String traceId) implements FleetEvent {
        public static final String NAME = "delivered";

        public Delivered {
            requireNonNull(node, "node");
            requireNonNull(msgId, "msgId");
            written = List.copyOf(written);
            absent = List.copyOf(absent);
            traceId = traceId == null ? "" : traceId;
        }

        /** An outcome without a trace id. */
        public Delivered(NodeId node, MessageId msgId, long taskId, List<UserId> written, List<UserId> absent) {
            this(node, msgId, taskId, written, absent, "");
        }

        public Map<String, String> toFields() {
            Map<String, String> f = base(NAME, node);
            f.put("msg", msgId.toString());
            f.put("task", Long.toString(taskId));
            f.put("written", Fields.joinUsers(written));
            f.put("absent", Fields.joinUsers(absent));
            f.put("trace", traceId);
            return f;
        }
    }

    /** Clients acknowledged these messages. */
    record Acked(NodeId node, List<UserMessage> acks) implements FleetEvent {
        public static final String NAME = "acked";

        public Acked {
            requireNonNull(node, "node");
            acks = List.copyOf(acks);
        }

        public Map<String, String> toFields() {
            Map<String, String> f = base(NAME, node);
            StringBuilder sb = new StringBuilder();
            for (UserMessage a : acks) {
                if (!sb.isEmpty()) {
                    sb.append(',');
                }
                sb.append(a.userId().value()).append(':').append(a.msgId().value());
            }
            f.put("acks", sb.toString());
            return f;
        }
    }

    /** A device authenticated on a node: the control plane replays its stored messages. */
    record Connected(NodeId node, UserId userId, DeviceId deviceId, long connId) implements FleetEvent {
        public static final String NAME = "connected";

        public Connected {
            requireNonNull(node, "node");
            requireNonNull(userId, "userId");
            requireNonNull(deviceId, "deviceId");
        }

        public Map<String, String> toFields() {
            Map<String, String> f = base(NAME, node);
            f.put("user", userId.toString());
            f.put("device", deviceId.value());
            f.put("conn", Long.toString(connId));
            return f;
        }
    }

    /** A chat message for users with no route anywhere: the control plane stores it for re-push. */
    record Undeliverable(NodeId node, MessageId msgId, UserId from, List<UserId> targets, RawJson body, String traceId)
            implements FleetEvent {
        public static final String NAME = "undeliverable";

        public Undeliverable {
            requireNonNull(node, "node");
            requireNonNull(msgId, "msgId");
            requireNonNull(from, "from");
            targets = List.copyOf(targets);
            requireNonNull(body, "body");
            traceId = traceId == null ? "" : traceId;
        }

        public Map<String, String> toFields() {
            Map<String, String> f = base(NAME, node);
            f.put("msg", msgId.toString());
            f.put("from", from.toString());
            f.put("to", Fields.joinUsers(targets));
            f.put("trace", traceId);
            f.put("body", body.json());
            return f;
        }
    }

    /** One user's message id, as in an ack. */
    record UserMessage(UserId userId, MessageId msgId) {
        public UserMessage {
            requireNonNull(userId, "userId");
            requireNonNull(msgId, "msgId");
        }
    }

    static FleetEvent fromFields(Map<String, String> f) {
        NodeId node = new NodeId(Fields.require(f, "node"));
        String type = Fields.require(f, TYPE);
        return switch (type) {
            case Delivered.NAME -> new Delivered(node, MessageId.parse(Fields.require(f, "msg")),
                    Fields.requireLong(f, "task"), Fields.splitUsers(Fields.require(f, "written")),
                    Fields.splitUsers(Fields.require(f, "absent")), f.get("trace"));
            case Acked.NAME -> new Acked(node, parseAcks(Fields.require(f, "acks")));
            case Connected.NAME -> new Connected(node, UserId.parse(Fields.require(f, "user")),
                    new DeviceId(Fields.require(f, "device")), Fields.requireLong(f, "conn"));
            case Undeliverable.NAME -> new Undeliverable(node, MessageId.parse(Fields.require(f, "msg")),
                    UserId.parse(Fields.require(f, "from")), Fields.splitUsers(Fields.require(f, "to")),
                    new RawJson(Fields.require(f, "body")), f.get("trace"));
            default -> throw new IllegalArgumentException("stream entry: type '" + type + "' (unknown)");
        };
    }

    private static List<UserMessage> parseAcks(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<UserMessage> acks = new ArrayList<>();
        for (String pair : text.split(",", -1)) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("stream entry: ack '" + pair + "' (expected: userId:msgId)");
            }
            acks.add(new UserMessage(UserId.parse(pair.substring(0, colon)), MessageId.parse(pair.substring(colon + 1))));
        }
        return acks;
    }

    private static Map<String, String> base(String type, NodeId node) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(TYPE, type);
        f.put("node", node.value());
        return f;
    }
}
