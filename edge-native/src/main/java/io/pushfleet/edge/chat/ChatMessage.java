package io.pushfleet.edge.chat;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A chat message Kafka has accepted, on its way to its targets. Chat pushes always ask for an ack. */
public record ChatMessage(MessageId msgId, UserId from, RawJson body, String traceId) {

    public ChatMessage {
        requireNonNull(msgId, "msgId");
        requireNonNull(from, "from");
        requireNonNull(body, "body");
        requireNonNull(traceId, "traceId");
    }

    /** The frame each target's devices receive. */
    public Frame.Push frame() {
        return new Frame.Push(msgId, body, true, from);
    }

    /** The entry for another node's command stream: no {@code delivered} report, only targets it cannot reach. */
    public PushCommand relay(List<UserId> targets) {
        return new PushCommand(msgId, 0, body, true, from, targets, false, traceId);
    }
}
