package io.pushfleet.control.chat;

import java.util.List;

/** Body of {@code POST /api/groups}: a name and the other members (the caller joins as owner). Fields may be null here. */
public record CreateGroupRequest(String name, List<Long> members) {
}
