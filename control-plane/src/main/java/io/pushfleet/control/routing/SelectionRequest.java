package io.pushfleet.control.routing;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import static java.util.Objects.requireNonNull;

/** Who is asking for an edge; strategies that pin a client to a node (consistent hash) key on it. */
public record SelectionRequest(UserId userId, DeviceId deviceId) {

    public SelectionRequest {
        requireNonNull(userId, "userId");
        requireNonNull(deviceId, "deviceId");
    }
}
