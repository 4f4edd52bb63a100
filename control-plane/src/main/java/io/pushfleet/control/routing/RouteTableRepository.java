package io.pushfleet.control.routing;

import io.pushfleet.model.id.UserId;

import java.util.Map;

/** Read access to the route table the edges maintain (DESIGN 3.4, {@code RedisKeys.route}). */
public interface RouteTableRepository {

    /** The raw fields of a user's route hash: device id to {@code RouteValue} text; empty when offline. */
    Map<String, String> routes(UserId userId);
}
