package io.pushfleet.localstack.process;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a server in a session of its own ({@code setsid}), so that it outlives this JVM and is not hit
 * by signals meant for this JVM's process group (a Maven test fork being killed, Ctrl-C in a terminal).
 *
 * <p>The server reads {@code /dev/null} and appends its stdout and stderr to a log file, so no pipe ties
 * it to this JVM. {@code setsid} replaces itself with the server (it only forks when the caller leads
 * a process group, which a JVM child never does), so the returned pid is the server's own.
 */
public final class DetachedLauncher {

    private final Path setsid;

    public DetachedLauncher(Path setsid) {
        this.setsid = requireNonNull(setsid, "setsid");
    }

    /** Launches {@code command} in {@code workingDir} and returns its pid without waiting for it. */
    public long launch(List<String> command, Path workingDir, Path log) throws IOException {
        requireNonNull(command, "command");
        requireNonNull(workingDir, "workingDir");
        requireNonNull(log, "log");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: [] (expected: a program and its arguments)");
        }
        Files.createDirectories(log.getParent());
        List<String> full = new ArrayList<>(command.size() + 1);
        full.add(setsid.toString());
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return process.pid();
    }
}
