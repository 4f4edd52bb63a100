package io.pushfleet.control.push;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.GroupId;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A validated push request: one target kind with its data ({@code users} for {@link TargetKind#USERS},
 * {@code group} for {@link TargetKind#GROUP}, neither for {@link TargetKind#ALL}), the body, how long it is
 * kept for offline users, and whether clients must ack it.
 */
public record PushSpec(TargetKind kind, TargetList users, GroupId group, RawJson body, Duration ttl, boolean needsAck) {

    public PushSpec {
        requireNonNull(kind, "kind");
        requireNonNull(body, "body");
        requireNonNull(ttl, "ttl");
        if ((kind == TargetKind.USERS) != (users != null) || (kind == TargetKind.GROUP) != (group != null)) {
            throw new IllegalArgumentException("kind " + kind + " with users=" + (users != null) + " group=" + group);
        }
    }
}
