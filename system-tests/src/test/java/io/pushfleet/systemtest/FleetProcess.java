package io.pushfleet.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** One fleet process (control plane or edge) started from its packaged jar, its output in a log file. */
final class FleetProcess implements AutoCloseable {

    private final String name;
    private final Path log;
    private final Process process;

    private FleetProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code java <jvmArgs> -jar <jar> <args>} with the same JVM that runs the tests. */
    static FleetProcess start(String name, Path jar, List<String> jvmArgs, List<String> args,
                              Map<String, String> env, Path logDir) throws IOException {
        requireNonNull(name, "name");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the project first (bin/test does)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new FleetProcess(name, log, pb.start());
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the process's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting: a graceful shutdown begins. */
    void terminate() {
        process.destroy();
    }

    /** Waits up to {@code timeout} for the process to exit; its exit code, or empty when it still runs. */
    java.util.OptionalInt awaitExit(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
