package io.pushfleet.client;

import io.pushfleet.model.id.NodeId;

import java.net.URI;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Where one edge node takes client connections: its WebSocket URL (for example
 * {@code ws://10.0.0.5:8080/ws}) and its raw TCP host and port. The control plane hands these out at login.
 */
public record EdgeAddress(NodeId nodeId, URI wsUrl, String tcpHost, int tcpPort) {

    public EdgeAddress {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(wsUrl, "wsUrl");
        requireNonNull(tcpHost, "tcpHost");
        String scheme = wsUrl.getScheme() == null ? "" : wsUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("wsUrl: " + wsUrl + " (expected: a ws:// or wss:// URL)");
        }
        if (wsUrl.getHost() == null) {
            throw new IllegalArgumentException("wsUrl: " + wsUrl + " (expected: a host)");
        }
        if (tcpHost.isBlank()) {
            throw new IllegalArgumentException("tcpHost: blank (expected: a host name or address)");
        }
        if (tcpPort < 1 || tcpPort > 65_535) {
            throw new IllegalArgumentException("tcpPort: " + tcpPort + " (expected: 1..65535)");
        }
    }
}
