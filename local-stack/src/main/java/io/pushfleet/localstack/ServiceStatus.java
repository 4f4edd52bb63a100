package io.pushfleet.localstack;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * What {@link LocalStack#status()} found for one server: its port, the pid its pid file names (when
 * that process is ours and alive) and whether it answers.
 */
public record ServiceStatus(LocalStack.Service service, String host, int port, OptionalLong pid, State state) {

    /** The situations a server of an instance can be in. */
    public enum State {
        /** Our process runs and answers on its port. */
        UP,
        /** Our process runs but does not answer (yet). */
        STARTING,
        /** Our process runs, but was started with other ports (another port offset): stop it first. */
        OTHER_PORTS,
        /** Not running, port free. */
        DOWN,
        /** Not running, but another process holds the port: a start would fail. */
        PORT_TAKEN
    }

    public ServiceStatus {
        requireNonNull(service, "service");
        requireNonNull(host, "host");
        requireNonNull(pid, "pid");
        requireNonNull(state, "state");
    }
}
