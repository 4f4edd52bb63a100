package io.pushfleet.bench.fleet;

import io.pushfleet.model.id.NodeId;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/** Where one edge takes raw TCP clients, as its registry report says ({@code GET /api/admin/nodes}). */
public record EdgeEndpoint(NodeId nodeId, String tcpHost, int tcpPort, URI wsUrl) {

    public EdgeEndpoint {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(tcpHost, "tcpHost");
        requireNonNull(wsUrl, "wsUrl");
        if (tcpPort < 1 || tcpPort > 65_535) {
            throw new IllegalArgumentException("tcpPort: " + tcpPort + " (expected: 1..65535)");
        }
    }

    @Override
    public String toString() {
        return nodeId + "@" + tcpHost + ":" + tcpPort;
    }
}
