package io.pushfleet.control.chat;

import java.util.List;

/** Body of {@code POST /api/groups/{id}/members}. */
public record AddMembersRequest(List<Long> userIds) {
}
