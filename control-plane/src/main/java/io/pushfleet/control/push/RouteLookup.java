package io.pushfleet.control.push;

import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;

import java.util.List;
import java.util.Map;

/** Reads the route table (DESIGN 3.4) for many users at once. Blocking. */
public interface RouteLookup {

    /** Every readable route of each user; users without one are absent or map to an empty list. */
    Map<UserId, List<RouteValue>> routes(List<UserId> users);
}
