package io.pushfleet.model.redis;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One message to write to many local connections: an entry on a node's command stream (to the listed
 * users' devices on that node) or on the broadcast stream (to every connection of every node, {@code
 * targets} empty). The edge encodes the {@code push} frame once per entry. {@code taskId} is 0 for chat.
 * With {@code report} (entries the control plane wrote: admin pushes and offline replays) the edge answers
 * with a {@link FleetEvent.Delivered}; without it (chat relayed by another edge) it reports only targets it
 * could not reach, as {@link FleetEvent.Undeliverable}.
 */
public record PushCommand(MessageId msgId, long taskId, RawJson body, boolean needsAck, UserId from,
                          List<UserId> targets, boolean report, String traceId) {

    public static final String TYPE = "push";
    /** At most this many targets per entry; larger batches are split. */
    public static final int MAX_TARGETS_PER_ENTRY = 1000;

    public PushCommand {
        requireNonNull(msgId, "msgId");
        requireNonNull(body, "body");
        targets = List.copyOf(requireNonNull(targets, "targets"));
        if (targets.size() > MAX_TARGETS_PER_ENTRY) {
            throw new IllegalArgumentException("targets: " + targets.size() + " (expected: <= " + MAX_TARGETS_PER_ENTRY + ")");
        }
        if (taskId < 0) {
            throw new IllegalArgumentException("taskId: " + taskId + " (expected: >= 0)");
        }
        traceId = traceId == null ? "" : traceId;
    }

    public boolean broadcast() {
        return targets.isEmpty();
    }

    /** The frame every target receives. */
    public Frame.Push frame() {
        return new Frame.Push(msgId, body, needsAck, from);
    }

    public Map<String, String> toFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(NodeCommands.TYPE, TYPE);
        f.put("msg", msgId.toString());
        f.put("task", Long.toString(taskId));
        f.put("ack", needsAck ? "1" : "0");
        if (from != null) {
            f.put("from", from.toString());
        }
        f.put("to", Fields.joinUsers(targets));
        f.put("report", report ? "1" : "0");
        f.put("trace", traceId);
        f.put("body", body.json());
        return f;
    }

    public static PushCommand fromFields(Map<String, String> f) {
        String from = f.get("from");
        return new PushCommand(MessageId.parse(Fields.require(f, "msg")), Fields.requireLong(f, "task"),
                new RawJson(Fields.require(f, "body")), "1".equals(f.get("ack")),
                from == null ? null : UserId.parse(from), Fields.splitUsers(Fields.require(f, "to")),
                "1".equals(f.get("report")), f.get("trace"));
    }
}
