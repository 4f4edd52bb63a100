package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of truth for groups and their members (MySQL, {@code chat_groups} and {@code group_members}).
 * Changes to one group are serialised by the implementation, so a member limit holds under concurrent
 * additions. Lists of members are ordered by user id.
 */
public interface GroupRepository {

    /** Stores a group with its members ({@code members} must contain the owner) in one transaction. */
    GroupId create(String name, UserId owner, Set<UserId> members, Instant createdAt);

    Optional<Group> find(GroupId groupId);

    /** The members of a group, ordered by user id; empty for an unknown group. */
    List<UserId> members(GroupId groupId);

    boolean isMember(GroupId groupId, UserId userId);

    /**
     * Adds those of {@code userIds} that are not members yet, in one transaction.
     *
     * @return the users actually added, ordered by user id
     * @throws GroupFullException if the group would then have more than {@code maxMembers} members; nothing is added
     */
    List<UserId> addMembers(GroupId groupId, Set<UserId> userIds, int maxMembers, Instant addedAt)
            throws GroupFullException;

    /** Removes one member; false if it was not a member. */
    boolean removeMember(GroupId groupId, UserId userId);

    /** Those of {@code userIds} that have an account. */
    Set<UserId> existingUsers(Collection<UserId> userIds);

    /** Up to {@code limit} group ids greater than {@code afterId}, ascending: for walking every group in chunks. */
    List<GroupId> groupIdsAfter(long afterId, int limit);

    /** The members of each of the given groups; a group without members (or unknown) has no entry. */
    Map<GroupId, Set<UserId>> members(Collection<GroupId> groupIds);
}
