package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The copy of group membership edges read to fan out chat ({@code RedisKeys.groupMembers}: a set of
 * decimal user ids per group; a missing key is an unknown group to the edges). Kept in step by
 * {@link GroupService} after each MySQL change and repaired by {@link MembershipSync}.
 */
public interface GroupMemberSets {

    /** Adds members to a group's set, creating it if needed. */
    void add(GroupId groupId, Collection<UserId> userIds);

    /** Removes raw set members (decimal user ids, or anything unreadable found there). */
    void remove(GroupId groupId, Collection<String> members);

    /** The raw members of each group's set; a group whose key is missing maps to an empty set. */
    Map<GroupId, Set<String>> read(Collection<GroupId> groupIds);
}
