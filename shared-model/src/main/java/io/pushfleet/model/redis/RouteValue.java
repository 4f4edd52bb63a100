package io.pushfleet.model.redis;

import io.pushfleet.model.id.NodeId;

import static java.util.Objects.requireNonNull;

/**
 * Where one device of a user is connected: {@code nodeId:bootEpoch:connId}. The boot epoch fences
 * routes of an earlier run of the same node id; the connection id tells two connections apart.
 */
public record RouteValue(NodeId nodeId, long bootEpoch, long connId) {

    public RouteValue {
        requireNonNull(nodeId, "nodeId");
        if (bootEpoch <= 0 || connId <= 0) {
            throw new IllegalArgumentException("bootEpoch and connId: " + bootEpoch + ", " + connId + " (expected: > 0)");
        }
    }

    public static RouteValue parse(String text) {
        requireNonNull(text, "text");
        int second = text.lastIndexOf(':');
        int first = second <= 0 ? -1 : text.lastIndexOf(':', second - 1);
        if (first <= 0) {
            throw new IllegalArgumentException("route: '" + text + "' (expected: nodeId:bootEpoch:connId)");
        }
        try {
            return new RouteValue(new NodeId(text.substring(0, first)),
                    Long.parseLong(text.substring(first + 1, second)), Long.parseLong(text.substring(second + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("route: '" + text + "' (expected: nodeId:bootEpoch:connId)", e);
        }
    }

    public String format() {
        return nodeId.value() + ":" + bootEpoch + ":" + connId;
    }

    @Override
    public String toString() {
        return format();
    }
}
