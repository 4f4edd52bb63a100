package io.pushfleet.bench.storm;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator's handle on one worker process ({@link StormWorkerCommand}): commands go to its standard
 * input, its reports come from its standard output (kept: the latest one), everything else it prints goes
 * to its log file. Closing the handle asks it to stop, waits, and kills it if it does not exit in time;
 * a worker whose orchestrator vanished stops by itself (its standard input ends).
 */
final class WorkerProcess implements AutoCloseable {

    private final int index;
    private final Process process;
    private final Writer commands;
    private final Path log;
    private Thread reader;
    private volatile WorkerReport latest;
    private volatile String problem;

    private WorkerProcess(int index, Process process, Path log) {
        this.index = index;
        this.process = process;
        this.log = log;
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    }

    static WorkerProcess start(int index, List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        WorkerProcess w = new WorkerProcess(index, p, log);
        w.reader = Thread.ofPlatform().daemon().name("storm-worker-" + index).start(w::readReports);
        return w;
    }

    private void readReports() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer other = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    var report = WorkerReport.parse(line);
                    if (report.isPresent()) {
                        latest = report.get();
                    } else {
                        other.write(line + "\n");
                        other.flush();
                    }
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
        } catch (IOException e) {
            problem = "reading its reports: " + e;
        }
    }

    /** Sends one command line; a worker that is gone is noted, not thrown for. */
    void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            problem = "sending '" + command + "': " + e;
        }
    }

    int index() {
        return index;
    }

    long pid() {
        return process.pid();
    }

    /** The latest report, or null before the first. */
    WorkerReport latest() {
        return latest;
    }

    /** Why this worker cannot go on (exited, or an unreadable report), or null while it is fine. */
    String problem() {
        if (!process.isAlive() && (latest == null || !latest.state().equals(WorkerReport.STOPPED))) {
            return "worker " + index + " exited with " + process.exitValue() + "; see " + log;
        }
        return problem;
    }

    /** Asks the worker to stop and waits up to {@code seconds} for its last report and exit. */
    void stop(int seconds) throws InterruptedException {
        send("stop");
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        reader.join(5_000); // its last report
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop(10);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
