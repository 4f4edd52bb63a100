package io.pushfleet.model.redis;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A member of a node's connection set: {@code userId:deviceId:bootEpoch:connId}. With the node id of
 * the set it rebuilds the {@link RouteValue}, so a dead node's routes can be compare-and-deleted.
 */
public record NodeConnection(UserId userId, DeviceId deviceId, long bootEpoch, long connId) {

    public NodeConnection {
        requireNonNull(userId, "userId");
        requireNonNull(deviceId, "deviceId");
    }

    public static NodeConnection parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("connection: '" + text + "' (expected: userId:deviceId:bootEpoch:connId)");
        }
        try {
            return new NodeConnection(UserId.parse(parts[0]), new DeviceId(parts[1]),
                    Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("connection: '" + text + "' (expected: userId:deviceId:bootEpoch:connId)", e);
        }
    }

    /** The route value this connection has while it is connected to {@code nodeId}. */
    public RouteValue routeOn(NodeId nodeId) {
        return new RouteValue(nodeId, bootEpoch, connId);
    }

    public String format() {
        return userId.value() + ":" + deviceId.value() + ":" + bootEpoch + ":" + connId;
    }
}
