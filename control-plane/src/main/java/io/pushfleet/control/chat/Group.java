package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A stored chat group: its id, name, owner (always also a member) and creation time. */
public record Group(GroupId id, String name, UserId owner, Instant createdAt) {

    public Group {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(owner, "owner");
        requireNonNull(createdAt, "createdAt");
    }
}
