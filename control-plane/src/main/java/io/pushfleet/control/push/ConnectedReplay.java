package io.pushfleet.control.push;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Replays stored messages to users who have a route now (DESIGN 3.6), for messages stored after the user
 * connected: the replay a {@code connected} event triggers read the store before they were in it. One
 * pipelined route lookup for all the users, then one replay per user and node the user is on. Only for the
 * rare paths that store a message for a user who may meanwhile be back; a user without a route waits for the
 * next connect as usual.
 */
public final class ConnectedReplay {

    private final RouteLookup routes;
    private final BiConsumer<UserId, NodeId> replay;

    /** {@code replay} sends one user's stored messages through one node ({@link FleetEventHandler#replay}). */
    public ConnectedReplay(RouteLookup routes, BiConsumer<UserId, NodeId> replay) {
        this.routes = requireNonNull(routes, "routes");
        this.replay = requireNonNull(replay, "replay");
    }

    /** Replays to each of {@code users} on every node they have a route to, except routes {@code skip} names; returns the replays. */
    public int replay(Collection<UserId> users, Predicate<RouteValue> skip) {
        if (users.isEmpty()) {
            return 0;
        }
        int replays = 0;
        for (Map.Entry<UserId, List<RouteValue>> user : routes.routes(List.copyOf(users)).entrySet()) {
            Set<NodeId> nodes = new HashSet<>();
            for (RouteValue route : user.getValue()) {
                if (!skip.test(route) && nodes.add(route.nodeId())) {
                    replay.accept(user.getKey(), route.nodeId());
                    replays++;
                }
            }
        }
        return replays;
    }
}
