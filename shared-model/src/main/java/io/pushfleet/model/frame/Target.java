package io.pushfleet.model.frame;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import static java.util.Objects.requireNonNull;

/** Where a {@link Frame.Send} goes: one user (all their devices) or one group. */
public sealed interface Target {

    record User(UserId userId) implements Target {
        public User {
            requireNonNull(userId, "userId");
        }
    }

    record Group(GroupId groupId) implements Target {
        public Group {
            requireNonNull(groupId, "groupId");
        }
    }
}
