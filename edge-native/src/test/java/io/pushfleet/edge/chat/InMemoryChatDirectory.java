package io.pushfleet.edge.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RouteValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ChatDirectory} in memory: groups, routes and live nodes a test sets up; relays it records. */
public final class InMemoryChatDirectory implements ChatDirectory {

    /** A push that would have been appended to {@code node}'s stream. */
    public record Relay(NodeId node, PushCommand push) {
    }

    private final Map<GroupId, Set<UserId>> groups = new ConcurrentHashMap<>();
    private final Map<UserId, List<RouteValue>> routes = new ConcurrentHashMap<>();
    private final Set<NodeId> live = ConcurrentHashMap.newKeySet();
    private final List<Relay> relays = new CopyOnWriteArrayList<>();

    public void group(GroupId group, UserId... members) {
        groups.put(group, new LinkedHashSet<>(List.of(members)));
    }

    public void route(UserId user, RouteValue... devices) {
        routes.put(user, List.of(devices));
    }

    public void live(NodeId... nodes) {
        live.addAll(List.of(nodes));
    }

    public List<Relay> relays() {
        return List.copyOf(relays);
    }

    @Override
    public CompletionStage<Membership> membership(GroupId group, UserId user) {
        Set<UserId> members = groups.get(group);
        Membership m = members == null ? Membership.UNKNOWN_GROUP
                : members.contains(user) ? Membership.MEMBER : Membership.NOT_MEMBER;
        return CompletableFuture.completedFuture(m);
    }

    @Override
    public CompletionStage<List<UserId>> members(GroupId group) {
        return CompletableFuture.completedFuture(new ArrayList<>(groups.getOrDefault(group, Set.of())));
    }

    @Override
    public CompletionStage<Map<UserId, List<RouteValue>>> routes(List<UserId> users) {
        Map<UserId, List<RouteValue>> answer = new LinkedHashMap<>();
        for (UserId u : users) {
            answer.put(u, routes.getOrDefault(u, List.of()));
        }
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletionStage<Set<NodeId>> liveNodes(Set<NodeId> nodes) {
        Set<NodeId> answer = new LinkedHashSet<>(nodes);
        answer.retainAll(live);
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public CompletionStage<Void> relay(NodeId node, PushCommand push) {
        relays.add(new Relay(node, push));
        return CompletableFuture.completedFuture(null);
    }
}
