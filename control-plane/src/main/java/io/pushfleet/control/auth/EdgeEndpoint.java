package io.pushfleet.control.auth;

import io.pushfleet.model.registry.NodeInfo;

/** Where a client reaches one edge: WebSocket URL, and raw TCP host and port. */
public record EdgeEndpoint(String nodeId, String wsUrl, String tcpHost, int tcpPort) {

    public static EdgeEndpoint of(NodeInfo node) {
        return new EdgeEndpoint(node.nodeId().value(), node.wsUrl(), node.tcpHost(), node.tcpPort());
    }
}
