package io.pushfleet.control.routing;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.redis.RouteValue;

import static java.util.Objects.requireNonNull;

/** One connected device of a user and the connection that holds it. */
public record DeviceRoute(DeviceId deviceId, RouteValue route) {

    public DeviceRoute {
        requireNonNull(deviceId, "deviceId");
        requireNonNull(route, "route");
    }
}
