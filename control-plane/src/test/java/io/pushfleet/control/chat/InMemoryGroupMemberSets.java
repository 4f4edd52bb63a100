package io.pushfleet.control.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link GroupMemberSets} in memory, with Redis' rule that an emptied set no longer exists; can be told to
 * fail, like an unreachable Redis.
 */
final class InMemoryGroupMemberSets implements GroupMemberSets {

    private final Map<GroupId, Set<String>> sets = new HashMap<>();
    private boolean failing;

    void failing(boolean failing) {
        this.failing = failing;
    }

    /** The raw set, or null when the key does not exist. */
    Set<String> set(GroupId groupId) {
        return sets.get(groupId);
    }

    /** Writes a set directly, e.g. drift that the resync must repair. */
    void put(GroupId groupId, Set<String> members) {
        sets.put(groupId, new HashSet<>(members));
    }

    void clear() {
        sets.clear();
    }

    @Override
    public void add(GroupId groupId, Collection<UserId> userIds) {
        check();
        Set<String> set = sets.computeIfAbsent(groupId, id -> new HashSet<>());
        userIds.forEach(id -> set.add(id.toString()));
    }

    @Override
    public void remove(GroupId groupId, Collection<String> members) {
        check();
        Set<String> set = sets.get(groupId);
        if (set != null) {
            set.removeAll(members);
            if (set.isEmpty()) {
                sets.remove(groupId);
            }
        }
    }

    @Override
    public Map<GroupId, Set<String>> read(Collection<GroupId> groupIds) {
        check();
        Map<GroupId, Set<String>> found = new HashMap<>();
        groupIds.forEach(id -> found.put(id, new HashSet<>(sets.getOrDefault(id, Set.of()))));
        return found;
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("redis unavailable (fake)");
        }
    }
}
