package io.pushfleet.localstack.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a port on a local address is free, i.e. no process listens on it or on the wildcard address. */
public final class Ports {

    private Ports() {
    }

    /** True if a server socket can bind {@code host:port} right now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Lets a port in TIME_WAIT from our own stopped server count as free, as the servers do.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
