package io.pushfleet.control.push;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where one chunk of targets goes: for each node, the users with at least one device routed there (each
 * user once per node, in chunk order), the users routed anywhere, and the users with no route at all.
 * A user with devices on two nodes is on both nodes' lists: each edge writes to its own devices.
 */
public record RoutingPlan(Map<NodeId, List<UserId>> byNode, List<UserId> routed, List<UserId> offline) {

    public static RoutingPlan of(List<UserId> chunk, Map<UserId, List<RouteValue>> routes) {
        Map<NodeId, Set<UserId>> byNode = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        List<UserId> routed = new ArrayList<>();
        List<UserId> offline = new ArrayList<>();
        for (UserId user : chunk) {
            List<RouteValue> userRoutes = routes.getOrDefault(user, List.of());
            if (userRoutes.isEmpty()) {
                offline.add(user);
                continue;
            }
            routed.add(user);
            for (RouteValue route : userRoutes) {
                byNode.computeIfAbsent(route.nodeId(), ignored -> new LinkedHashSet<>()).add(user);
            }
        }
        Map<NodeId, List<UserId>> lists = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        byNode.forEach((node, users) -> lists.put(node, List.copyOf(users)));
        return new RoutingPlan(lists, List.copyOf(routed), List.copyOf(offline));
    }
}
