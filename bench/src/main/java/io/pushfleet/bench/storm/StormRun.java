package io.pushfleet.bench.storm;

import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.bench.BenchMain;
import io.pushfleet.bench.fleet.AdminApi;
import io.pushfleet.bench.fleet.EdgeEndpoint;
import io.pushfleet.bench.fleet.Machine;
import io.pushfleet.bench.fleet.ProcStats;
import io.pushfleet.bench.fleet.SyntheticUsers;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.token.SigningKeys;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One storm from start to end: the edges (spawned or found), the workers with their slices, then each step
 * (tell every worker its share, follow progress until all settled, measure), the hold, the broadcasts,
 * and the stop. {@link #close()} ends every process it started; {@link #closeOnSignal()}, the shutdown hook's
 * (SIGTERM, Ctrl-C), first prints the figures measured so far, the step it stopped in measured as it stood.
 */
final class StormRun implements AutoCloseable {

    /** Least time the workers get to mint their tokens (35 workers at load 200 needed ~2.5 minutes). */
    private static final Duration MINT_TIMEOUT = Duration.ofMinutes(3);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final StormCommand o;
    private final PrintStream out;
    private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
    private final EdgeProbe probe = new EdgeProbe();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean signalled;
    private volatile StormReport report;
    private volatile Phase phase;
    private volatile EdgeLauncher launcher;
    private List<StormEdge> edges = List.of();
    private volatile Progress progress;
    private Path signingKeys;

    StormRun(StormCommand options, PrintStream out) {
        this.o = requireNonNull(options, "options");
        this.out = requireNonNull(out, "out");
    }

    StormReport run() throws IOException, InterruptedException {
        String runId = "storm-" + RUN_ID.format(Instant.now());
        Path dir = o.runDir.resolve(runId);
        Files.createDirectories(dir);
        out.println("== pushfleet bench storm ==");
        out.println(Machine.describe());
        signingKeys = signingKeys(dir, runId);
        edges = edges(dir, runId);
        List<EdgeEndpoint> destinations = o.reusePort
                ? List.of(new EdgeEndpoint(new NodeId("reuseport"), edges.getFirst().endpoint().tcpHost(),
                edges.getFirst().endpoint().tcpPort(), edges.getFirst().endpoint().wsUrl()))
                : edges.stream().map(StormEdge::endpoint).toList();
        int workerCount = o.workerCount();
        int sourceCount = o.sources > 0 ? o.sources
                : Math.max(workerCount, -Math.floorDiv(-o.connections, destinations.size() * 20_000));
        List<String> problems = StormPlan.problems(o.connections, workerCount, sourceCount, destinations.size());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        SyntheticUsers users = o.firstUserId > 0 ? new SyntheticUsers(o.firstUserId, o.connections)
                : SyntheticUsers.forTime(Instant.now(), o.connections);
        List<StormPlan.WorkerSlice> slices = StormPlan.slices(users.first(), o.connections, workerCount,
                StormPlan.loopbackSources(sourceCount));
        out.printf("edges: %s%s%n", edges.stream().map(e -> e.name() + (e.pid() > 0 ? " (pid " + e.pid() + ")" : ""))
                .collect(Collectors.joining(", ")), o.reusePort ? "; one shared port (SO_REUSEPORT)" : "");
        out.printf("storm: %,d %s connections in steps %s at %s, %d workers (%s), %d source addresses"
                        + " 127.0.1.1.. (IP_BIND_ADDRESS_NO_PORT), logs in %s%n", o.connections, o.transport, o.stepTargets(),
                o.ratesText(), workerCount, String.join(" ", o.workerJvmOptions()), sourceCount, dir);
        out.printf("tokens: MINTED LOCALLY by each worker with %s (synthetic users %s, device %s); login is not measured%n",
                signingKeys, users, StormWorkerCommand.DEVICE);
        for (StormPlan.WorkerSlice s : slices) {
            workers.add(WorkerProcess.start(s.worker(), workerCommand(s, destinations),
                    dir.resolve("worker-" + s.worker() + ".log")));
        }
        progress = new Progress(out, workers.size());
        awaitReady();

        StormReport report = new StormReport(edges.size(), workers.size(), o.gc);
        report.step(measure(0, totals(), 0, Duration.ZERO, Duration.ZERO, probe.sample(edges, o.gc)));
        this.report = report;
        List<Integer> targets = o.stepTargets();
        for (int i = 0; i < targets.size(); i++) {
            if (!step(report, targets.get(i), o.rate(i), slices)) {
                break;
            }
        }
        StormTotals held = hold();
        report.last(held);
        if (o.broadcasts > 0) {
            phase = new Phase("the broadcasts", 0, 0, System.nanoTime(), Duration.ZERO, Duration.ZERO);
            AdminApi api = new AdminApi(o.controlPlane, Files.readString(o.adminKeyFile).strip(), Duration.ofSeconds(60));
            report.broadcast(new StormBroadcast(api, this::totals, this::edgeCpu, out).run(o.broadcasts, held.held()));
        }
        phase = null;
        for (WorkerProcess w : workers) {
            w.send("stop");
        }
        for (WorkerProcess w : workers) {
            w.stop(30);
        }
        report.last(totals()); // the workers' last reports, taken before they closed their connections
        out.println("load average at the end " + Machine.loadAverage());
        return report;
    }

    /** The key file; spawned edges without one get a throw-away key (they trust what they are told to). */
    private Path signingKeys(Path dir, String runId) throws IOException {
        if (o.spawnEdges == 0 || Files.exists(o.signingKeys)) {
            return o.signingKeys;
        }
        Path generated = dir.resolve("signing-keys.json");
        SigningKeys.write(new JWKSet(SigningKeys.generate(runId)), generated);
        out.printf("signing keys: %s does not exist; generated a throw-away key in %s for the spawned edges%n",
                o.signingKeys, generated);
        return generated;
    }

    private List<StormEdge> edges(Path dir, String runId) throws IOException, InterruptedException {
        if (o.spawnEdges > 0) {
            launcher = new EdgeLauncher(new EdgeLauncher.Launch(o.edgeScript, o.edgeJavaOpts, o.edgeJavaOptsAppend,
                    o.redisUri, signingKeys, o.edgeHeartbeat, o.edgeIoThreads, o.reusePort, dir, Duration.ofMinutes(3)));
            out.printf("starting %d edge processes (%s, EDGE_JAVA_OPTS %s%s) against %s ...%n", o.spawnEdges, o.edgeScript,
                    o.edgeJavaOpts == null ? "the script's default" : "'" + o.edgeJavaOpts + "'",
                    o.edgeJavaOptsAppend == null ? "" : ", EDGE_JAVA_OPTS_APPEND '" + o.edgeJavaOptsAppend + "'", o.redisUri);
            return launcher.start(runId, o.spawnEdges);
        }
        AdminApi api = new AdminApi(o.controlPlane, Files.readString(o.adminKeyFile).strip(), Duration.ofSeconds(30));
        List<StormEdge> found = new ArrayList<>();
        for (AdminApi.Edge e : api.selectableEdgesWithAdmin()) {
            found.add(new StormEdge(e.endpoint(), e.adminUrl(), ProcStats.listenerPid(e.adminUrl().getPort()).orElse(-1)));
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no selectable edges at " + o.controlPlane + " (start bin/start, or use --spawn-edges)");
        }
        return found;
    }

    private List<String> workerCommand(StormPlan.WorkerSlice s, List<EdgeEndpoint> destinations) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(o.workerJvmOptions());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", o.workerClasspath, BenchMain.class.getName(),
                "storm", "worker", "--index", Integer.toString(s.worker()), "--first-user-id", Long.toString(s.firstUserId()),
                "--count", Integer.toString(s.count()), "--transport", o.transport.name(),
                "--sources", s.sources().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")),
                "--max-in-flight", Integer.toString(o.maxInFlight),
                "--io-threads", Integer.toString(o.workerIoThreads), "--signing-keys", signingKeys.toString(),
                "--auth-timeout", o.authTimeout.toMillis() + "ms"));
        for (EdgeEndpoint e : destinations) {
            cmd.addAll(List.of("--edge", StormWorkerCommand.edgeSpec(e)));
        }
        return cmd;
    }

    private void awaitReady() throws InterruptedException {
        Duration bound = o.stepTimeout.compareTo(MINT_TIMEOUT) > 0 ? o.stepTimeout : MINT_TIMEOUT;
        long deadline = System.nanoTime() + bound.toNanos();
        while (workers.stream().anyMatch(w -> w.latest() == null)) {
            checkWorkers();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers not ready (minting tokens) within " + bound + " (--step-timeout)");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Runs one step at {@code rate} connects per second over all workers (0 = unpaced) and adds its measurement to
     * {@code report}. A step that does not settle within the step timeout is measured as it stands, with a note;
     * false then, and the run goes on to the hold without further steps.
     */
    private boolean step(StormReport report, int target, double rate, List<StormPlan.WorkerSlice> slices)
            throws InterruptedException {
        int[] shares = StormPlan.split(target, slices.size());
        Duration edgeCpu = edgeCpu();
        Duration workerCpu = workerCpu();
        int heldBefore = totals().held();
        long t0 = System.nanoTime();
        phase = new Phase(String.format("step %,d", target), target, heldBefore, t0, edgeCpu, workerCpu);
        for (WorkerProcess w : workers) {
            w.send("connect " + Math.min(shares[w.index()], slices.get(w.index()).count()) + " " + rate / slices.size());
        }
        long deadline = t0 + o.stepTimeout.toNanos();
        StormTotals t;
        boolean settled;
        while (true) {
            t = totals();
            progress.show(t, target, heldBefore, t0);
            settled = t.target() == target && t.allSettled();
            if (settled) {
                break;
            }
            checkWorkers();
            if (System.nanoTime() > deadline) {
                String note = String.format("step %,d did not settle within %s (--step-timeout): %,d held, %,d failed,"
                                + " %,d of %,d attempted; measured as it stood, later steps skipped", target, o.stepTimeout,
                        t.held(), t.failed(), t.attempted(), target);
                out.println(note);
                report.note(note);
                break;
            }
            Thread.sleep(250);
        }
        progress.done(t, target, heldBefore, t0);
        long end = settled ? t.lastSettledAt() : System.nanoTime();
        report.step(measure(target, t, (end - t0) / 1e9, edgeCpu().minus(edgeCpu), workerCpu().minus(workerCpu),
                probe.sample(edges, o.gc)));
        phase = null;
        return settled;
    }

    private StormReport.Step measure(int target, StormTotals t, double seconds, Duration edgeCpu, Duration workerCpu,
                                     List<EdgeProbe.Sample> samples) {
        String load = Machine.loadAverage().split(" ")[0];
        long[] rss = workers.stream().mapToLong(w -> ProcStats.rssBytes(w.pid())).toArray();
        long workerRss = Arrays.stream(rss).anyMatch(b -> b < 0) ? -1 : Arrays.stream(rss).sum();
        return new StormReport.Step(target, t, seconds, edgeCpu, workerCpu, samples, workerRss, ProcStats.sockstat(),
                ProcStats.slabUnreclaimableBytes(), ProcStats.boxUsedBytes(), load);
    }

    private StormTotals hold() throws InterruptedException {
        long t0 = System.nanoTime();
        phase = new Phase("the hold", 0, 0, t0, Duration.ZERO, Duration.ZERO);
        long end = t0 + o.hold.toNanos();
        StormTotals t = totals();
        while (System.nanoTime() < end) {
            checkWorkers();
            t = totals();
            progress.holding(t, t0);
            Thread.sleep(500);
        }
        progress.end();
        return t;
    }

    StormTotals totals() {
        List<WorkerReport> reports = new ArrayList<>();
        for (WorkerProcess w : workers) {
            WorkerReport r = w.latest();
            if (r != null) {
                reports.add(r);
            }
        }
        return StormTotals.of(reports, workers.size());
    }

    private void checkWorkers() {
        if (closed.get()) {
            // SIGTERM or Ctrl-C: the shutdown hook is stopping the workers, which is not their failure
            throw new IllegalStateException("stopped by a signal; every process it started is being stopped");
        }
        for (WorkerProcess w : workers) {
            String problem = w.problem();
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }
    }

    private Duration edgeCpu() {
        return edges.stream().filter(e -> e.pid() > 0).map(e -> ProcStats.cpu(e.pid())).reduce(Duration.ZERO, Duration::plus);
    }

    private Duration workerCpu() {
        return workers.stream().map(w -> ProcStats.cpu(w.pid())).reduce(Duration.ZERO, Duration::plus);
    }

    /** The shutdown hook's close: prints the figures so far (the run did not get to), then stops every process. */
    void closeOnSignal() {
        signalled = true;
        close();
    }

    /** Stops every worker and spawned edge; safe to call twice: a second call returns once the first is done. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            try {
                stopped.await(EdgeLauncher.STOP_GRACE.toSeconds() + 60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            if (signalled) {
                reportStopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("stopped by a signal; interrupted while sampling the edges for the report");
        } finally {
            try {
                stopAll(); // also when the report failed: no process it started is left behind
            } finally {
                stopped.countDown();
            }
        }
    }

    /**
     * The report of a run a signal stopped, from what the workers last reported: the step it stopped in measured as
     * it stood (the edges that still answer sampled without a GC), or the totals of the hold or the broadcasts.
     */
    private void reportStopped() throws InterruptedException {
        StormReport r = report;
        if (r == null) {
            out.println("stopped by a signal before the first step; stopping every process it started");
            return;
        }
        Phase p = phase;
        StormTotals t = totals();
        String where = "between two phases of the run";
        if (p != null) {
            double seconds = (System.nanoTime() - p.t0()) / 1e9;
            where = String.format("%.0f s into %s", seconds, p.name());
            if (p.target() > 0) {
                progress.done(t, p.target(), p.heldBefore(), p.t0());
                r.step(measure(p.target(), t, seconds, edgeCpu().minus(p.edgeCpu()), workerCpu().minus(p.workerCpu()),
                        probe.sampleAnswering(edges)));
            } else {
                progress.end();
            }
        }
        r.last(t);
        r.stopped(String.format("stopped by a signal %s: %,d held, %,d failed, %,d dropped, %,d attempted; the figures"
                + " above are as far as it got", where, t.held(), t.failed(), t.dropped(), t.attempted()));
        r.print(out);
    }

    private void stopAll() {
        workers.forEach(w -> w.send("stop"));
        workers.forEach(WorkerProcess::close);
        EdgeLauncher l = launcher;
        if (l != null) {
            List<String> killed = l.stop();
            if (!killed.isEmpty()) {
                out.printf("edges killed %ds after SIGTERM, still running: %s; their routes may be left in Redis until a"
                        + " control plane's route audit removes them%n", EdgeLauncher.STOP_GRACE.toSeconds(), killed);
            }
        }
    }

    /** What the run is doing: a step (its target and where it began), the hold or the broadcasts (target 0). */
    private record Phase(String name, int target, int heldBefore, long t0, Duration edgeCpu, Duration workerCpu) {
    }

    /** The live progress line: rewritten in place on a terminal, one line every 5 s otherwise. */
    private static final class Progress {
        private final PrintStream out;
        private final int workers;
        private final boolean terminal = System.console() != null;
        private long nextLine;

        Progress(PrintStream out, int workers) {
            this.out = out;
            this.workers = workers;
        }

        /** The step's progress; the rate counts connections held since the step began. */
        void show(StormTotals t, int target, int heldBefore, long t0) {
            double s = (System.nanoTime() - t0) / 1e9;
            line(String.format("[%6.1fs] held %,d/%,d  %,.0f/s  failed %,d  dropped %,d  in flight %,d  workers %d%s",
                    s, t.held(), target, (t.held() - heldBefore) / Math.max(s, 0.001), t.failed(), t.dropped(),
                    t.attempted() - t.held() - t.failed() - t.dropped(), workers, box()));
        }

        void holding(StormTotals t, long t0) {
            line(String.format("[%6.1fs] holding %,d  failed %,d  dropped %,d%s", (System.nanoTime() - t0) / 1e9,
                    t.held(), t.failed(), t.dropped(), box()));
        }

        /** The box's 1-minute load and, where the kernel has PSI, the share of time stalled on memory. */
        private static String box() {
            OptionalDouble stall = ProcStats.memoryStallPercent();
            return "  load " + Machine.loadAverage().split(" ")[0]
                    + (stall.isPresent() ? String.format("  memory stall %.0f %%", stall.getAsDouble()) : "");
        }

        void done(StormTotals t, int target, int heldBefore, long t0) {
            nextLine = 0;
            show(t, target, heldBefore, t0);
            end();
        }

        void end() {
            if (terminal) {
                out.println();
            }
        }

        private void line(String text) {
            if (terminal) {
                out.print("\r" + text + "   ");
                out.flush();
            } else if (System.nanoTime() >= nextLine) {
                out.println(text);
                nextLine = System.nanoTime() + 5_000_000_000L;
            }
        }
    }
}
