package io.pushfleet.edge.registry;

import static java.util.Objects.requireNonNull;

/** Where clients and operators reach this node, as advertised in the registry. */
public record NodeAddresses(String wsUrl, String tcpHost, int tcpPort, String adminUrl) {

    public NodeAddresses {
        requireNonNull(wsUrl, "wsUrl");
        requireNonNull(tcpHost, "tcpHost");
        requireNonNull(adminUrl, "adminUrl");
    }

    /** Addresses on {@code host} for the bound ports. */
    public static NodeAddresses of(String host, int wsPort, int tcpPort, int adminPort) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return new NodeAddresses("ws://" + h + ":" + wsPort + "/ws", host, tcpPort, "http://" + h + ":" + adminPort);
    }
}
