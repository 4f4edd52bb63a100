package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link GroupRepository} in memory, with the same limit and ordering rules as MySQL; counts member reads. */
final class InMemoryGroupRepository implements GroupRepository {

    private final Set<UserId> accounts = new HashSet<>();
    private final TreeMap<Long, Group> groups = new TreeMap<>();
    private final Map<GroupId, TreeSet<UserId>> members = new HashMap<>();
    private long nextId = 1;
    private int memberReads;

    InMemoryGroupRepository accounts(long... ids) {
        for (long id : ids) {
            accounts.add(new UserId(id));
        }
        return this;
    }

    int memberReads() {
        return memberReads;
    }

    /** Changes membership behind the service's back, as another control plane would. */
    void addDirectly(GroupId groupId, UserId userId) {
        members.get(groupId).add(userId);
    }

    @Override
    public synchronized GroupId create(String name, UserId owner, Set<UserId> memberIds, Instant createdAt) {
        GroupId id = new GroupId(nextId++);
        groups.put(id.value(), new Group(id, name, owner, createdAt));
        TreeSet<UserId> set = new TreeSet<>(Comparator.comparingLong(UserId::value));
        set.addAll(memberIds);
        members.put(id, set);
        return id;
    }

    @Override
    public synchronized Optional<Group> find(GroupId groupId) {
        return Optional.ofNullable(groups.get(groupId.value()));
    }

    @Override
    public synchronized List<UserId> members(GroupId groupId) {
        memberReads++;
        return new ArrayList<>(members.getOrDefault(groupId, new TreeSet<>(Comparator.comparingLong(UserId::value))));
    }

    @Override
    public synchronized boolean isMember(GroupId groupId, UserId userId) {
        return members.containsKey(groupId) && members.get(groupId).contains(userId);
    }

    @Override
    public synchronized List<UserId> addMembers(GroupId groupId, Set<UserId> userIds, int maxMembers, Instant addedAt)
            throws GroupFullException {
        TreeSet<UserId> set = members.get(groupId);
        List<UserId> added = userIds.stream().filter(id -> !set.contains(id))
                .sorted(Comparator.comparingLong(UserId::value)).toList();
        if (set.size() + added.size() > maxMembers) {
            throw new GroupFullException(set.size() + added.size(), maxMembers);
        }
        set.addAll(added);
        return added;
    }

    @Override
    public synchronized boolean removeMember(GroupId groupId, UserId userId) {
        return members.get(groupId).remove(userId);
    }

    @Override
    public synchronized Set<UserId> existingUsers(Collection<UserId> userIds) {
        Set<UserId> existing = new HashSet<>(userIds);
        existing.retainAll(accounts);
        return existing;
    }

    @Override
    public synchronized List<GroupId> groupIdsAfter(long afterId, int limit) {
        return groups.tailMap(afterId, false).values().stream().limit(limit).map(Group::id).toList();
    }

    @Override
    public synchronized Map<GroupId, Set<UserId>> members(Collection<GroupId> groupIds) {
        Map<GroupId, Set<UserId>> result = new HashMap<>();
        for (GroupId id : groupIds) {
            if (members.containsKey(id) && !members.get(id).isEmpty()) {
                result.put(id, new HashSet<>(members.get(id)));
            }
        }
        return result;
    }
}
