package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.EdgeEndpoint;
import io.pushfleet.bench.fleet.FleetPlan;
import io.pushfleet.bench.fleet.TokenMint;
import io.pushfleet.bench.push.DurationConverter;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench storm worker}: one load-generator process, started by the orchestrator ({@link StormCommand})
 * and driven through its standard input: {@code connect N R} (hold N connections in all, connecting the new
 * ones at R connects per second; 0 = unpaced), {@code stop}, or end of input (the orchestrator is gone: stop).
 * It reports on its standard output ({@link WorkerReport}). Not meant to be run by hand.
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "One load-generator process of a storm (started by bench storm).")
public final class StormWorkerCommand implements Callable<Integer> {

    static final DeviceId DEVICE = new DeviceId("storm");

    @Option(names = "--index", required = true)
    int index;

    @Option(names = "--first-user-id", required = true)
    long firstUserId;

    @Option(names = "--count", required = true)
    int count;

    @Option(names = "--transport", required = true)
    StormClients.Transport transport;

    @Option(names = "--edge", required = true, description = "nodeId,host,tcpPort,wsUrl (repeatable).")
    List<String> edges;

    @Option(names = "--sources", required = true, split = ",")
    List<InetAddress> sources;

    @Option(names = "--max-in-flight", defaultValue = "1000")
    int maxInFlight;

    @Option(names = "--io-threads", defaultValue = "1")
    int ioThreads;

    @Option(names = "--signing-keys", required = true)
    Path signingKeys;

    @Option(names = "--auth-timeout", defaultValue = "30s", converter = DurationConverter.class)
    Duration authTimeout;

    @Option(names = "--report-interval", defaultValue = "500ms", converter = DurationConverter.class)
    Duration reportInterval;

    /** A report that says nothing new is printed at least this often, so the orchestrator's view stays fresh. */
    private static final long UNCHANGED_REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PrintStream out = System.out;
    private WorkerReport lastPrinted;
    private long lastPrintedNanos;
    private final AtomicInteger target = new AtomicInteger();
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Connects per second of the current step (0 = unpaced), set before the target that it paces. */
    private volatile double rate;
    /**
     * The pacing thread, woken by a command or a connect's outcome, so that it sleeps until its next connect is due,
     * a slot under the in-flight cap frees, or its next report.
     */
    private volatile Thread pacing;

    @Override
    public Integer call() throws Exception {
        FleetPlan plan = FleetPlan.spread(count, i -> new UserId(firstUserId + i), edges.stream().map(StormWorkerCommand::edge).toList(),
                sources);
        TokenMint mint = TokenMint.fromKeyFile(signingKeys, TokenMint.ISSUER, TokenMint.AUDIENCE, DEVICE);
        List<String> tokens = mint.mint(plan.clients().stream().map(c -> c.userId()).toList());
        pacing = Thread.currentThread();
        try (StormClients clients = new StormClients(transport, plan, tokens, ioThreads, authTimeout,
                () -> LockSupport.unpark(pacing))) {
            Thread.ofPlatform().daemon().name("storm-commands").start(this::readCommands);
            report(clients, WorkerReport.READY);
            pace(clients);
            report(clients, WorkerReport.STOPPED);
        }
        return 0;
    }

    /** {@code nodeId,host,tcpPort,wsUrl}. */
    static EdgeEndpoint edge(String spec) {
        String[] f = spec.split(",", -1);
        if (f.length != 4) {
            throw new IllegalArgumentException("--edge: " + spec + " (expected: nodeId,host,tcpPort,wsUrl)");
        }
        return new EdgeEndpoint(new NodeId(f[0]), f[1], Integer.parseInt(f[2]), URI.create(f[3]));
    }

    static String edgeSpec(EdgeEndpoint e) {
        return e.nodeId().value() + "," + e.tcpHost() + "," + e.tcpPort() + "," + e.wsUrl();
    }

    /** Connects up to the current target at the current rate, and reports, until told to stop. */
    private void pace(StormClients clients) throws InterruptedException {
        double pacedRate = rate;
        ConnectPacer pacer = pacer(pacedRate);
        long nextReport = System.nanoTime();
        boolean settledReported = false;
        while (stop.getCount() > 0) {
            if (rate != pacedRate) {
                pacedRate = rate;
                pacer = pacer(pacedRate);
            }
            int goal = target.get();
            int missing = goal - clients.attempted();
            if (missing > 0) {
                settledReported = false;
                int n = pacer.take(System.nanoTime(), Math.min(missing, maxInFlight - clients.inFlight()));
                for (int i = 0; i < n; i++) {
                    clients.start(clients.attempted());
                }
                missing -= n;
            }
            boolean settled = goal > 0 && clients.settled(goal);
            long now = System.nanoTime();
            if (now >= nextReport || (settled && !settledReported)) {
                report(clients, goal == 0 ? WorkerReport.READY : settled ? WorkerReport.SETTLED : WorkerReport.CONNECTING);
                settledReported |= settled;
                nextReport = now + reportInterval.toNanos();
            }
            long wake = nextReport;
            if (missing > 0 && clients.inFlight() < maxInFlight) {
                wake = Math.min(wake, now + pacer.nanosToNextToken());
            }
            // Otherwise there is nothing to start until a connect's outcome frees a slot or settles the step, or a
            // command raises the target: each of those unparks this thread.
            LockSupport.parkNanos(wake - now);
        }
    }

    private ConnectPacer pacer(double perSecond) {
        return new ConnectPacer(perSecond > 0 ? perSecond : Double.POSITIVE_INFINITY,
                (int) Math.clamp(perSecond / 100, 1, maxInFlight), System.nanoTime());
    }

    /** Prints this worker's report, unless it is the one printed last and that was less than 10 s ago. */
    private void report(StormClients clients, String state) {
        WorkerReport report = clients.report(state, index, target.get());
        long now = System.nanoTime();
        if (report.equals(lastPrinted) && now - lastPrintedNanos < UNCHANGED_REPORT_NANOS) {
            return;
        }
        out.println(report.toLine());
        out.flush();
        lastPrinted = report;
        lastPrintedNanos = now;
    }

    /**
     * {@code connect N R} sets the rate and raises the target (never above {@code --count}); {@code stop} or end of
     * input stops.
     */
    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.strip().split(" ");
                if (words[0].equals("connect") && words.length == 3) {
                    rate = Math.max(0, Double.parseDouble(words[2]));
                    target.set(Math.clamp(Integer.parseInt(words[1]), 0, count));
                    LockSupport.unpark(pacing);
                } else if (words[0].equals("stop")) {
                    break;
                } else {
                    System.err.println("storm worker " + index + ": unknown command: " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("storm worker " + index + ": commands: " + e);
        } finally {
            stop.countDown();
            LockSupport.unpark(pacing);
        }
    }
}
