package io.pushfleet.control.push;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A stored push task (a {@code push_tasks} row without its id list, which only the router loads).
 * {@code targetCount} is the number of distinct targets once known (a group's at routing), {@code cursor}
 * how many of them have been routed, in id order.
 */
public record PushTask(long id, MessageId msgId, TargetKind kind, GroupId group, int targetCount, RawJson body,
                       boolean needsAck, Duration ttl, String traceId, TaskState state, int cursor, Instant createdAt) {

    public PushTask {
        requireNonNull(msgId, "msgId");
        requireNonNull(kind, "kind");
        requireNonNull(body, "body");
        requireNonNull(ttl, "ttl");
        requireNonNull(traceId, "traceId");
        requireNonNull(state, "state");
        requireNonNull(createdAt, "createdAt");
    }

    public boolean broadcast() {
        return kind == TargetKind.ALL;
    }
}
