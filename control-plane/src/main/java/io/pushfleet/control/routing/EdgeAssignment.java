package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The edge a client should connect to, and where to go when it cannot (distinct from the primary). */
public record EdgeAssignment(NodeInfo primary, List<NodeInfo> fallbacks) {

    public EdgeAssignment {
        requireNonNull(primary, "primary");
        fallbacks = List.copyOf(fallbacks);
        if (fallbacks.stream().anyMatch(f -> f.nodeId().equals(primary.nodeId()))) {
            throw new IllegalArgumentException("fallbacks: contain the primary " + primary.nodeId());
        }
    }
}
