package io.pushfleet.control.chat;

/** Answer of {@code POST /api/groups}. */
public record CreateGroupResponse(long groupId) {
}
