package io.pushfleet.localstack.server;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.LocalStackException;
import io.pushfleet.localstack.ServiceStatus.State;
import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import io.pushfleet.localstack.process.Deadline;
import io.pushfleet.localstack.process.DetachedLauncher;
import io.pushfleet.localstack.process.LogTail;
import io.pushfleet.localstack.process.LogWatcher;
import io.pushfleet.localstack.process.Ports;
import io.pushfleet.localstack.process.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, reuses and stops {@link ManagedServer}s by their pid files: a pid file naming a live process of
 * the server is reused, a stale one is dropped, a port held by anything else is a clear error.
 *
 * <p>Starting is split in two so that several servers boot in parallel: {@link #begin} launches (or
 * finds) a server without waiting, {@link #await} waits until it answers. The caller holds the
 * instance lock around both.
 */
public final class ServerSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ServerSupervisor.class);
    private static final int TAIL_LINES = 40;

    private final ProcessTable processes;
    private final Duration stopTimeout;

    public ServerSupervisor(ProcessTable processes, Duration stopTimeout) {
        this.processes = requireNonNull(processes, "processes");
        this.stopTimeout = requireNonNull(stopTimeout, "stopTimeout");
    }

    /** A server that was launched or found running and may not answer yet. */
    public record Pending(ManagedServer server, long pid, boolean reused, Optional<LogWatcher> readyLine,
                          long startNanos) {

        boolean isReady() {
            return readyLine.map(LogWatcher::seen).orElse(true) && server.answers();
        }
    }

    /** Finds the server's running process or launches a new one; does not wait for it to answer. */
    public Pending begin(ManagedServer server, Binaries binaries) {
        requireNonNull(server, "server");
        requireNonNull(binaries, "binaries");
        long startNanos = System.nanoTime();
        checkPorts(server);
        OptionalLong running = ownPid(server);
        if (running.isPresent()) {
            return new Pending(server, running.getAsLong(), true, Optional.empty(), startNanos);
        }
        server.pidFile().delete();
        try {
            Files.createDirectories(server.directory());
            server.prepare(binaries);
            long offset = LogWatcher.sizeOf(server.logFile());
            long pid = new DetachedLauncher(binaries.path(Binary.SETSID))
                    .launch(server.command(binaries), server.directory(), server.logFile());
            server.pidFile().write(pid);
            log.debug("{} launched pid={} log={}", server.name(), pid, server.logFile());
            Optional<LogWatcher> readyLine =
                    server.readyLogLine().map(line -> new LogWatcher(server.logFile(), offset, line));
            return new Pending(server, pid, false, readyLine, startNanos);
        } catch (IOException e) {
            throw new LocalStackException(server.name() + ": cannot launch: " + e.getMessage(), e);
        }
    }

    /** Waits until the pending server answers, then runs its after-ready work. */
    public void await(Pending pending, Binaries binaries, Duration timeout) {
        requireNonNull(pending, "pending");
        requireNonNull(timeout, "timeout");
        ManagedServer server = pending.server();
        Deadline deadline = Deadline.after(timeout);
        while (!pending.isReady()) {
            if (!processes.isRunning(pending.pid())) {
                server.pidFile().delete();
                throw failure(server, server.name() + " (pid " + pending.pid() + ") exited while starting");
            }
            if (deadline.expired()) {
                if (!pending.reused()) {
                    processes.terminate(pending.pid(), stopTimeout);
                    server.pidFile().delete();
                }
                throw failure(server, server.name() + " (pid " + pending.pid() + ") did not answer on "
                        + server.host() + ":" + server.port() + " within " + timeout);
            }
            deadline.pause();
        }
        server.afterReady(binaries);
        log.info("{} {} on {}:{} pid={} in {} ms", server.name(), pending.reused() ? "already running" : "started",
                server.host(), server.port(), pending.pid(), Deadline.millisSince(pending.startNanos()));
    }

    /**
     * Stops the process the server's pid file names, if it is the server's: SIGTERM, then SIGKILL after
     * the stop timeout. A pid file naming a dead or foreign process is just removed.
     *
     * @return true if a process was stopped
     */
    public boolean stop(ManagedServer server) {
        requireNonNull(server, "server");
        OptionalLong pid = ownPid(server);
        boolean stopped = false;
        if (pid.isPresent()) {
            long startNanos = System.nanoTime();
            if (!processes.terminate(pid.getAsLong(), stopTimeout)) {
                throw new LocalStackException(server.name() + " (pid " + pid.getAsLong()
                        + ") is still running after SIGTERM and SIGKILL");
            }
            log.info("{} stopped pid={} in {} ms", server.name(), pid.getAsLong(), Deadline.millisSince(startNanos));
            stopped = true;
        }
        server.pidFile().delete();
        return stopped;
    }

    /**
     * Fails unless {@link #begin} could use the server's ports: either our process of the server runs
     * with the configured ports, or nothing holds them. Calling it for every server before launching any
     * keeps a taken port from leaving the other servers half-started.
     */
    public void checkPorts(ManagedServer server) {
        requireNonNull(server, "server");
        OptionalLong running = ownPid(server);
        if (running.isPresent()) {
            long pid = running.getAsLong();
            if (!processes.commandLine(pid).map(server::usesConfiguredPorts).orElse(true)) {
                throw new LocalStackException(server.name() + " (pid " + pid + ") of this instance runs with other"
                        + " ports than the configured " + server.ports().values() + "; stop it first"
                        + " (LocalStack.stop() or local-stack/bin/local-stack stop --instance ...)");
            }
            return;
        }
        for (Map.Entry<String, Integer> port : server.ports().entrySet()) {
            if (!Ports.isFree(server.host(), port.getValue())) {
                throw new LocalStackException(port.getKey() + " port " + port.getValue() + " on " + server.host()
                        + " is in use by another process (set a different port or stop it)");
            }
        }
    }

    /**
     * The pid of the server's live process, if its pid file names one: a running process of the server's
     * kind whose working directory is inside the server's directory, whatever ports it was given.
     */
    public OptionalLong ownPid(ManagedServer server) {
        OptionalLong pid = server.pidFile().read();
        if (pid.isEmpty() || !processes.isRunning(pid.getAsLong())) {
            return OptionalLong.empty();
        }
        Optional<String> commandLine = processes.commandLine(pid.getAsLong());
        boolean kind = commandLine.map(server::isServerCommandLine).orElse(false);
        boolean home = processes.workingDirectory(pid.getAsLong())
                .map(cwd -> cwd.startsWith(realPath(server.directory())))
                // Without /proc there is no working directory to look at; the ports must do.
                .orElseGet(() -> commandLine.map(server::usesConfiguredPorts).orElse(false));
        return kind && home ? pid : OptionalLong.empty();
    }

    /** Where the server stands, without changing anything. */
    public State state(ManagedServer server) {
        OptionalLong pid = ownPid(server);
        if (pid.isPresent()) {
            if (!processes.commandLine(pid.getAsLong()).map(server::usesConfiguredPorts).orElse(true)) {
                return State.OTHER_PORTS;
            }
            return server.answers() ? State.UP : State.STARTING;
        }
        boolean free = server.ports().values().stream().allMatch(port -> Ports.isFree(server.host(), port));
        return free ? State.DOWN : State.PORT_TAKEN;
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static LocalStackException failure(ManagedServer server, String what) {
        return new LocalStackException(what + "; last lines of " + server.logFile() + ":\n"
                + LogTail.lastLines(server.logFile(), TAIL_LINES));
    }
}
