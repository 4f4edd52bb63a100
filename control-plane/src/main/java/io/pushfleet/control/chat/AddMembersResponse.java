package io.pushfleet.control.chat;

import java.util.List;

/** Answer of {@code POST /api/groups/{id}/members}: who was newly added (members already in are not listed). */
public record AddMembersResponse(long groupId, List<Long> added) {
}
