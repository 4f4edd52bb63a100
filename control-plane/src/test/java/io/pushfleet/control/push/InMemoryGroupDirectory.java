package io.pushfleet.control.push;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link GroupDirectory} backed by a map, for unit tests and (as the selected alternative, so it wins
 * over the groups feature's bean) for the integration tests.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class InMemoryGroupDirectory implements GroupDirectory {

    private final Map<GroupId, List<UserId>> groups = new ConcurrentHashMap<>();

    public void put(GroupId groupId, List<UserId> members) {
        groups.put(groupId, List.copyOf(members));
    }

    @Override
    public List<UserId> members(GroupId groupId) {
        return groups.getOrDefault(groupId, List.of());
    }

    @Override
    public boolean exists(GroupId groupId) {
        return groups.containsKey(groupId);
    }
}
