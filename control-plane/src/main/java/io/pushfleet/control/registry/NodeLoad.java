package io.pushfleet.control.registry;

import io.pushfleet.model.registry.NodeInfo;

import static java.util.Objects.requireNonNull;

/**
 * A node's load two ways: the connection count it reports, and the size of its connection set in Redis
 * (the routes it registered). They differ by the drift the auditor repairs (DESIGN 3.4). A node that is
 * not live reports nothing trustworthy, so its connections count as 0 while its routes remain.
 */
public record NodeLoad(NodeStatus status, long routes) {

    public NodeLoad {
        requireNonNull(status, "status");
    }

    public long connections() {
        return status.live() ? status.info().map(NodeInfo::connections).orElse(0L) : 0L;
    }

    public long drift() {
        return connections() - routes;
    }
}
