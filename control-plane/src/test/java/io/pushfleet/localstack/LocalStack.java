package io.pushfleet.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * TEMPORARY stand-in for the local-stack module's {@code LocalStack}, with the same API, until that
 * module lands on this branch. It starts nothing: it only checks that Redis (127.0.0.1:26379) and
 * MariaDB (127.0.0.1:23306, db/user/password pushfleet) answer, and says how to start them by hand.
 * Delete this file (revert its commit) when local-stack is merged: being in test-classes, it would
 * shadow the real class.
 */
public final class LocalStack {

    /** The services of a stack. */
    public enum Service { REDIS, MARIADB, KAFKA }

    private static final String HOST = "127.0.0.1";
    private static final int REDIS_PORT = 26379;
    private static final int MARIADB_PORT = 23306;
    private static final int KAFKA_PORT = 29092;

    private LocalStack() {
    }

    public static LocalStack forTests() {
        return new LocalStack();
    }

    public LocalStack start(Service... services) {
        for (Service service : services) {
            int port = switch (service) {
                case REDIS -> REDIS_PORT;
                case MARIADB -> MARIADB_PORT;
                case KAFKA -> KAFKA_PORT;
            };
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1_000);
            } catch (IOException e) {
                throw new IllegalStateException(service + " does not answer on " + HOST + ":" + port
                        + "; until the local-stack module lands, start it by hand (docs/control-plane.md, \"Tests\")", e);
            }
        }
        return this;
    }

    public String redisUri() {
        return "redis://" + HOST + ":" + REDIS_PORT;
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + HOST + ":" + MARIADB_PORT + "/pushfleet";
    }

    public String dbUser() {
        return "pushfleet";
    }

    public String dbPassword() {
        return "pushfleet";
    }

    public String kafkaBootstrap() {
        return HOST + ":" + KAFKA_PORT;
    }
}
