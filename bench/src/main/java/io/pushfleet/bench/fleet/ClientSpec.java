package io.pushfleet.bench.fleet;

import io.pushfleet.model.id.UserId;

import java.net.InetAddress;

import static java.util.Objects.requireNonNull;

/** One simulated client: its index in the fleet, its user, the edge it connects to and its source address. */
public record ClientSpec(int index, UserId userId, EdgeEndpoint edge, InetAddress source) {

    public ClientSpec {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
        requireNonNull(userId, "userId");
        requireNonNull(edge, "edge");
        requireNonNull(source, "source");
    }
}
