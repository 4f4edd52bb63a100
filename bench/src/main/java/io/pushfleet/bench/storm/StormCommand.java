package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.SyntheticUsers;
import io.pushfleet.bench.push.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code bench storm}: the connection-storm orchestrator. Starts edge processes (or uses a running fleet),
 * starts worker processes ({@link StormWorkerCommand}) that open WebSocket or TCP connections at a target
 * total rate from many loopback source addresses, keeps them alive with heartbeats, shows progress, and
 * prints connect rate, failures by reason, latency percentiles, the CPU each side used, the edges' memory
 * and the kernel's socket memory, per step. See docs/benchmarks.md. Exits 0 when every connection was held
 * to the end, 3 when some failed or dropped (the figures are printed either way), 1 when the run broke off.
 */
@Command(name = "storm", mixinStandardHelpOptions = true, subcommands = StormWorkerCommand.class,
        description = "Connection storm: open and hold N connections over many worker processes; connect rate, "
                + "failures, latency, CPU and memory per step (docs/benchmarks.md).")
public final class StormCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--connections", defaultValue = "10000", description = "Connections to hold at the end (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--steps", split = ",", description = "Hold these totals one after the other and measure at each "
            + "(e.g. 1000,5000,10000,19000); the last must equal --connections (default: just --connections).")
    List<Integer> steps;

    @Option(names = "--rate", defaultValue = "5000", split = ",", description = "Connects per second over all workers;"
            + " 0 = as fast as they go. One value for every step, or one per step of --steps (e.g. 900,300: slower once"
            + " many are held) (default: ${DEFAULT-VALUE}).")
    List<Double> rates;

    @Option(names = "--max-in-flight", defaultValue = "2000", description = "Connects without an outcome yet, per worker "
            + "(default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--transport", defaultValue = "WS", description = "WS (JSON text frames, as browsers) or TCP "
            + "(binary) (default: ${DEFAULT-VALUE}).")
    StormClients.Transport transport;

    @Option(names = "--workers", defaultValue = "0", description = "Worker processes; 0 = one per 15,000 connections (default).")
    int workers;

    @Option(names = "--worker-io-threads", defaultValue = "1", description = "Event loops per worker (default: ${DEFAULT-VALUE}).")
    int workerIoThreads;

    @Option(names = "--worker-java-opts", description = "JVM options of the workers (default: ${DEFAULT-VALUE}).")
    String workerJavaOpts = defaultWorkerJavaOpts(Runtime.version().feature());

    @Option(names = "--worker-java-opts-append", description = "JVM options added after --worker-java-opts.")
    String workerJavaOptsAppend = "";

    @Option(names = "--sources", defaultValue = "0", description = "Loopback source addresses 127.0.1.1, 127.0.1.2, ...; "
            + "0 = enough for the ports needed, at least one per worker (default).")
    int sources;

    @Option(names = "--spawn-edges", defaultValue = "0", description = "Start this many edge processes (edge-native/bin/edge); "
            + "0 = use the selectable edges of the running fleet at --control-plane (default).")
    int spawnEdges;

    @Option(names = "--edge-java-opts", description = "EDGE_JAVA_OPTS of spawned edges (default: the launch script's).")
    String edgeJavaOpts;

    @Option(names = "--edge-java-opts-append", description = "EDGE_JAVA_OPTS_APPEND of spawned edges: JVM options added "
            + "after the launch script's defaults (or after --edge-java-opts).")
    String edgeJavaOptsAppend;

    @Option(names = "--edge-io-threads", defaultValue = "0", description = "EDGE_IO_THREADS of spawned edges; 0 = the edge's "
            + "default (default).")
    int edgeIoThreads;

    @Option(names = "--edge-heartbeat", converter = DurationConverter.class,
            description = "EDGE_HEARTBEAT_INTERVAL of spawned edges (default: the edge's, 30s).")
    Duration edgeHeartbeat;

    @Option(names = "--reuse-port", description = "Spawned edges share one WebSocket and one TCP port (SO_REUSEPORT).")
    boolean reusePort;

    @Option(names = "--redis-uri", defaultValue = "redis://127.0.0.1:16379",
            description = "Redis of spawned edges (default: ${DEFAULT-VALUE}, the dev stack's).")
    String redisUri;

    @Option(names = "--edge-script", defaultValue = "${env:PUSHFLEET_ROOT:-.}/edge-native/bin/edge",
            description = "The edge launch script (default: ${DEFAULT-VALUE}).")
    Path edgeScript;

    @Option(names = "--signing-keys", defaultValue = "${env:PUSHFLEET_DEV_RUN:-.local-stack/dev/run}/signing-keys.json",
            description = "The control plane's JWK set: workers sign tokens with it, spawned edges verify with its "
                    + "public part (default: ${DEFAULT-VALUE}).")
    Path signingKeys;

    @Option(names = "--control-plane", defaultValue = "http://127.0.0.1:8080",
            description = "Control plane, for the running fleet's edges and --broadcast (default: ${DEFAULT-VALUE}).")
    URI controlPlane;

    @Option(names = "--admin-key-file", defaultValue = "${env:PUSHFLEET_DEV_RUN:-.local-stack/dev/run}/admin-key",
            description = "Admin API key file (default: ${DEFAULT-VALUE}).")
    Path adminKeyFile;

    @Option(names = "--hold", defaultValue = "10s", converter = DurationConverter.class,
            description = "Time to hold every connection after the last step, heartbeating (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--broadcast", defaultValue = "0", description = "Admin broadcasts to time after the hold "
            + "(needs the control plane) (default: ${DEFAULT-VALUE}).")
    int broadcasts;

    @Option(names = "--gc", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Full GC in each edge (jcmd GC.run) before reading its heap (default: ${DEFAULT-VALUE}).")
    boolean gc;

    @Option(names = "--auth-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "A connect without auth_ok after this long fails (default: ${DEFAULT-VALUE}).")
    Duration authTimeout;

    @Option(names = "--step-timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "Longest time for one step to settle; a step that does not is measured as it stands and"
                    + " ends the steps. Token minting gets this or 3 minutes, whichever is longer (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout;

    @Option(names = "--first-user-id", defaultValue = "0",
            description = "First synthetic user id; 0 picks a fresh block from the clock (default).")
    long firstUserId;

    @Option(names = "--run-dir", defaultValue = "${env:PUSHFLEET_ROOT:-.}/.local-stack/storm",
            description = "Where logs of edges and workers go, one directory per run (default: ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(names = "--worker-classpath", hidden = true, defaultValue = "${sys:java.class.path}")
    String workerClasspath;

    private final PrintStream out;

    /**
     * The edge launch script's memory options for the workers, which run on this JVM: a small heap given back
     * after a peak, serial GC, the native heap trimmed, compact object headers where the JDK has them; and only
     * the C1 compiler: a worker's storm is over before C2's code pays for its compiling (measured: half the
     * worker CPU per connect, ~30 MB less RSS per worker, holding costs the same; docs/benchmarks.md, change 9).
     */
    static String defaultWorkerJavaOpts(int javaFeature) {
        return "-Xms32m -Xmx512m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=40 -XX:TieredStopAtLevel=1"
                + (javaFeature >= 22 ? " -XX:TrimNativeHeapInterval=5000"
                        : " -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000")
                + (javaFeature >= 25 ? " -XX:+UseCompactObjectHeaders" : "");
    }

    /** The workers' JVM options: {@code --worker-java-opts}, then {@code --worker-java-opts-append}. */
    List<String> workerJvmOptions() {
        return Arrays.stream((workerJavaOpts + " " + workerJavaOptsAppend).trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
    }

    public StormCommand() {
        this(System.out);
    }

    public StormCommand(PrintStream out) {
        this.out = out;
    }

    /** The totals to hold one after the other. */
    List<Integer> stepTargets() {
        return steps == null || steps.isEmpty() ? List.of(connections) : List.copyOf(steps);
    }

    /** Connects per second over all workers during step {@code step} (0-based) of {@link #stepTargets()}; 0 = unpaced. */
    double rate(int step) {
        return rates.size() == 1 ? rates.getFirst() : rates.get(step);
    }

    /** The rates as the header says them: {@code 900 connects/s}, {@code 900, 300 connects/s}, {@code unpaced}. */
    String ratesText() {
        return rates.stream().allMatch(r -> r == 0) ? "unpaced"
                : rates.stream().map(r -> r > 0 ? String.format("%,.0f", r) : "unpaced").collect(Collectors.joining(", "))
                + " connects/s";
    }

    int workerCount() {
        return workers > 0 ? workers : Math.max(1, -Math.floorDiv(-connections, 15_000));
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (connections < 1 || connections > 2_000_000) {
            problems.add("--connections: " + connections + " (expected: 1..2000000)");
        }
        List<Integer> targets = stepTargets();
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) < 1 || (i > 0 && targets.get(i) <= targets.get(i - 1))) {
                problems.add("--steps: " + targets + " (expected: increasing, from 1)");
                break;
            }
        }
        if (targets.getLast() != connections) {
            problems.add("--steps: last " + targets.getLast() + " (expected: --connections " + connections + ")");
        }
        if (rates.stream().anyMatch(r -> !(r >= 0))) {
            problems.add("--rate: " + rates + " (expected: >= 0)");
        }
        if (rates.size() != 1 && rates.size() != targets.size()) {
            problems.add("--rate: " + rates.size() + " values for " + targets.size() + " steps (expected: one, or one per step)");
        }
        if (maxInFlight < 1) {
            problems.add("--max-in-flight: " + maxInFlight + " (expected: >= 1)");
        }
        if (workers < 0 || workers > 500) {
            problems.add("--workers: " + workers + " (expected: 0..500)");
        } else if (connections > 0) {
            problems.addAll(StormPlan.workerProblems(connections, workerCount()));
        }
        if (workerIoThreads < 1 || workerIoThreads > 16) {
            problems.add("--worker-io-threads: " + workerIoThreads + " (expected: 1..16)");
        }
        if (spawnEdges < 0 || spawnEdges > 500) {
            problems.add("--spawn-edges: " + spawnEdges + " (expected: 0..500)");
        }
        if (sources < 0 || sources > 254 * 254) {
            problems.add("--sources: " + sources + " (expected: 0.." + 254 * 254 + ")");
        }
        if (reusePort && spawnEdges == 0) {
            problems.add("--reuse-port: only with --spawn-edges");
        }
        if (broadcasts < 0 || broadcasts > 100) {
            problems.add("--broadcast: " + broadcasts + " (expected: 0..100)");
        }
        if (firstUserId < 0) {
            problems.add("--first-user-id: " + firstUserId + " (expected: >= 1, or 0 for a fresh block)");
        }
        if (firstUserId == 0 && connections > SyntheticUsers.BLOCK) {
            problems.add("--connections: " + connections + " need --first-user-id (a fresh block from the clock has "
                    + SyntheticUsers.BLOCK + " ids)");
        }
        return problems;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        StormRun run = new StormRun(this, out);
        Thread cleanup = new Thread(run::closeOnSignal, "storm-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            StormReport report = run.run();
            report.print(out);
            return report.clean() ? 0 : 3;
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // SIGTERM or Ctrl-C: the hook has run (or is running) the same close
            }
        }
    }
}
