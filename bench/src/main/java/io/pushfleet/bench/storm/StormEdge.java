package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.EdgeEndpoint;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * One edge process of a storm as the orchestrator sees it: where clients connect, its admin URL
 * ({@code /metrics}) and its pid ({@code -1} when unknown: CPU and RSS are then not reported).
 */
record StormEdge(EdgeEndpoint endpoint, URI adminUrl, long pid) {

    StormEdge {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(adminUrl, "adminUrl");
    }

    String name() {
        return endpoint.nodeId().value();
    }
}
