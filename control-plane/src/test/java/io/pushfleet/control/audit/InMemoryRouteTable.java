package io.pushfleet.control.audit;

import io.pushfleet.control.push.RouteLookup;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The route table in memory: user -> device -> route value, as the edges' Lua scripts leave it. */
final class InMemoryRouteTable implements RouteLookup {

    private final Map<UserId, Map<String, String>> routes = new HashMap<>();

    void put(UserId user, DeviceId device, RouteValue route) {
        routes.computeIfAbsent(user, u -> new LinkedHashMap<>()).put(device.value(), route.format());
    }

    String get(UserId user, DeviceId device) {
        return routes.getOrDefault(user, Map.of()).get(device.value());
    }

    /** DELETE_ROUTE_IF: 1 when the route held {@code expected} and was deleted. */
    int deleteIf(UserId user, DeviceId device, String expected) {
        Map<String, String> devices = routes.get(user);
        if (devices != null && expected.equals(devices.get(device.value()))) {
            devices.remove(device.value());
            return 1;
        }
        return 0;
    }

    @Override
    public Map<UserId, List<RouteValue>> routes(List<UserId> users) {
        Map<UserId, List<RouteValue>> found = new HashMap<>();
        for (UserId user : users) {
            List<RouteValue> values = routes.getOrDefault(user, Map.of()).values().stream().map(RouteValue::parse).toList();
            if (!values.isEmpty()) {
                found.put(user, values);
            }
        }
        return found;
    }
}
