package io.pushfleet.localstack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Looks at other processes by pid: whether one runs, its command line, and ending it with SIGTERM,
 * then SIGKILL.
 *
 * <p>Reads {@code /proc} where there is one, because a detached server whose parent JVM is gone may
 * stay a zombie (exited, never reaped) when pid 1 does not reap orphans; a zombie counts as not
 * running. Elsewhere it falls back to {@link ProcessHandle}.
 */
public final class ProcessTable {

    private final Path proc;

    public ProcessTable() {
        this(Path.of("/proc"));
    }

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** Whether {@code pid} names a live, non-zombie process. */
    public boolean isRunning(long pid) {
        if (pid <= 0) {
            return false;
        }
        if (!Files.isDirectory(proc.resolve("self"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        String stat;
        try {
            stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        // The state letter follows the command name, which is in parentheses and may itself hold ") ".
        int end = stat.lastIndexOf(')');
        if (end < 0 || end + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(end + 2);
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** The command line of {@code pid} with arguments separated by spaces, if it can be read. */
    public Optional<String> commandLine(long pid) {
        if (!Files.isDirectory(proc.resolve("self"))) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine());
        }
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The working directory of {@code pid} (a server launched by us runs in its own directory), if readable. */
    public Optional<Path> workingDirectory(long pid) {
        if (!Files.isDirectory(proc.resolve("self"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends SIGTERM, waits up to {@code timeout} for the process to end, then sends SIGKILL.
     *
     * @return true if the process is gone
     */
    public boolean terminate(long pid, Duration timeout) {
        if (!isRunning(pid)) {
            return true;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (Deadline.await(() -> !isRunning(pid), timeout)) {
            return true;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return Deadline.await(() -> !isRunning(pid), Duration.ofSeconds(10));
    }
}
