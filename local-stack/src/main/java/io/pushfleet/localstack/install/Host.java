package io.pushfleet.localstack.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine as the installer sees it: which executables exist, whether this process is root on a
 * Debian-like system, and running a command. Tests use a fake; {@link LinuxHost} is the real one.
 */
public interface Host {

    /** The executable called {@code name} on this machine, if any. */
    Optional<Path> findExecutable(String name);

    /** Whether this process runs as root (uid 0). */
    boolean isRoot();

    /** Whether packages come from apt ({@code /etc/debian_version} and {@code apt-get} exist). */
    boolean hasApt();

    /**
     * Runs {@code command} to completion with extra {@code environment} variables, output appended to
     * {@code log}; throws {@link io.pushfleet.localstack.LocalStackException} on failure.
     */
    void run(String what, List<String> command, Map<String, String> environment, Path log, Duration timeout);
}
