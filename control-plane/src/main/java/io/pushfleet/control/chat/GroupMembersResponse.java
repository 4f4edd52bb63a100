package io.pushfleet.control.chat;

import java.util.List;

/** Answer of {@code GET /api/groups/{id}/members}: members ordered by user id, the owner among them. */
public record GroupMembersResponse(long groupId, String name, long ownerId, List<Long> members) {
}
