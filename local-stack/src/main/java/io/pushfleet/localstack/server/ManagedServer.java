package io.pushfleet.localstack.server;

import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import io.pushfleet.localstack.process.PidFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One server of the stack as {@link ServerSupervisor} drives it: its files, how to initialise and launch
 * it, how to recognise its process and how to tell it answers.
 */
public interface ManagedServer {

    /** Lower-case name used in files, logs and messages: {@code redis}, {@code mariadb}, {@code kafka}. */
    String name();

    /** The loopback address the server binds. */
    String host();

    /** The port clients use, probed by {@link #answers()}. */
    int port();

    /** Every port the server binds, by a label used in the "in use" error, e.g. {@code "kafka controller"}. */
    Map<String, Integer> ports();

    /** The server's own directory under the instance's data directory. */
    Path directory();

    /** The pid file this stack writes for the server (not the server's own pid file, if it has one). */
    default PidFile pidFile() {
        return new PidFile(directory().resolve(name() + ".pid"));
    }

    /** Where the server's output goes. */
    default Path logFile() {
        return directory().resolve(name() + ".log");
    }

    /** The programs {@link #prepare} and {@link #command} need. */
    Set<Binary> requiredBinaries();

    /**
     * Whether a command line is this kind of server ({@code redis-server}, {@code mariadbd}, Kafka); with
     * the process's working directory inside {@link #directory()} it tells a pid file's process is ours
     * and not a stranger that got the pid after ours died.
     */
    boolean isServerCommandLine(String commandLine);

    /** Whether our running server's command line shows it was launched with the configured ports. */
    boolean usesConfiguredPorts(String commandLine);

    /** Whether something speaking the server's protocol answers on {@link #port()} right now. */
    boolean answers();

    /** Creates what the server needs before its first launch (data directory, storage format); idempotent. */
    void prepare(Binaries binaries);

    /** The command that runs the server in the foreground. */
    List<String> command(Binaries binaries);

    /** A log line that must appear after a fresh launch before the server counts as ready. */
    default Optional<String> readyLogLine() {
        return Optional.empty();
    }

    /** Work to do each time the server is up, launched or reused (creating users); idempotent. */
    default void afterReady(Binaries binaries) {
    }
}
