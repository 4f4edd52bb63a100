package io.pushfleet.localstack.process;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.LocalStackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command (database initialisation, storage format, package install) to completion,
 * appending its output to a log; a non-zero exit or a timeout fails with the tail of that log.
 */
public final class CommandRunner {

    private static final int TAIL_LINES = 30;

    private CommandRunner() {
    }

    /**
     * Runs {@code command} with extra {@code environment} variables and waits up to {@code timeout}.
     *
     * @param what names the step in the error message, e.g. {@code "mariadb-install-db"}
     */
    public static void run(String what, List<String> command, Map<String, String> environment,
                           Path log, Duration timeout) {
        requireNonNull(what, "what");
        requireNonNull(command, "command");
        requireNonNull(environment, "environment");
        requireNonNull(log, "log");
        requireNonNull(timeout, "timeout");
        int exit;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LocalStackException(what + " did not finish within " + timeout
                        + "; last lines of " + log + ":\n" + LogTail.lastLines(log, TAIL_LINES));
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new LocalStackException(what + ": cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException(what + ": interrupted", e);
        }
        if (exit != 0) {
            throw new LocalStackException(what + " failed with exit code " + exit
                    + "; last lines of " + log + ":\n" + LogTail.lastLines(log, TAIL_LINES));
        }
    }
}
