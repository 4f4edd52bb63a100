package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.SyntheticUsers;
import io.pushfleet.bench.stats.RunSeries;
import io.pushfleet.bench.stats.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code bench push batch}: one admin push to a list of user ids (default 100,000) of which some (default
 * 10,000) are connected clients, the rest offline synthetic ids. Times the {@code 202}, the first and last
 * push at the clients, all results stored and all acks recorded; checks each client got exactly one push.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "Admin push to a batch of user ids, some connected, the rest offline.")
public final class BatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--clients", defaultValue = "10000", description = "Connected clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--targets", defaultValue = "100000",
            description = "User ids in the push, connected ones included (default: ${DEFAULT-VALUE}; the control plane's limit is push.tasks.max-targets).")
    int targets;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "1", description = "Runs before measuring, not reported (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--body-bytes", defaultValue = "100", description = "Push body size (default: ${DEFAULT-VALUE}).")
    int bodyBytes;

    @Option(names = "--ttl-seconds", defaultValue = "600", description = "ttlSeconds of the push (default: ${DEFAULT-VALUE}).")
    int ttlSeconds;

    @Option(names = "--needs-ack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Ask clients to ack (they do) (default: ${DEFAULT-VALUE}).")
    boolean needsAck;

    @Option(names = "--poll", defaultValue = "250ms", converter = DurationConverter.class,
            description = "How often the task's counts are polled while waiting (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--pause", defaultValue = "3s", converter = DurationConverter.class,
            description = "Quiet time between runs (default: ${DEFAULT-VALUE}).")
    Duration pause;

    @Option(names = "--timeout", defaultValue = "180s", converter = DurationConverter.class,
            description = "Longest wait for the deliveries and the results of one run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out;

    public BatchCommand() {
        this(System.out);
    }

    BatchCommand(PrintStream out) {
        this.out = out;
    }

    /** Every problem with the options, in order; empty when they are fine. */
    List<String> problems() {
        List<String> problems = new ArrayList<>(fleet.problems());
        if (clients < 1 || clients > 100_000) {
            problems.add("--clients: " + clients + " (expected: 1..100000)");
        }
        if (targets < clients || targets > SyntheticUsers.BLOCK) {
            problems.add("--targets: " + targets + " (expected: --clients (" + clients + ").." + SyntheticUsers.BLOCK + ")");
        }
        problems.addAll(Runs.problems(runs, warmupRuns));
        problems.addAll(Runs.pushProblems(bodyBytes, poll));
        if (ttlSeconds < 1) {
            problems.add("--ttl-seconds: " + ttlSeconds + " (expected: >= 1)");
        }
        return problems;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        SyntheticUsers users = fleet.users(targets);
        TargetPlan plan = new TargetPlan(users.first(), targets, clients);
        String ids = plan.idsJson();
        RunSeries accepted = new RunSeries("POST -> 202 (ms)");
        RunSeries first = new RunSeries("POST -> first push at a client (ms)");
        RunSeries half = new RunSeries("POST -> push at half the clients (ms)");
        RunSeries last = new RunSeries("POST -> last push at a client (ms)");
        RunSeries stored = new RunSeries("POST -> all results stored (ms)");
        RunSeries acks = new RunSeries("POST -> all acks recorded (ms)");
        RunSeries missing = new RunSeries("clients missing the push");
        RunSeries duplicates = new RunSeries("duplicate pushes");
        RunSeries foreign = new RunSeries("other pushes received");
        try (BenchSession session = BenchSession.open(fleet, out, "batch", users, clients, 1, plan::onlineUser)) {
            out.printf("push: %,d user ids (%,d connected, spread through the range; %,d offline), body %d bytes,"
                            + " ttlSeconds %d, needsAck %s; results stored = written + acked + stored == %,d"
                            + " (polled every %d ms)%n",
                    targets, clients, targets - clients, bodyBytes, ttlSeconds, needsAck, targets, poll.toMillis());
            PushRun.Timing timing = new PushRun.Timing(timeout, timeout, poll, Duration.ofSeconds(1));
            for (int run = -warmupRuns; run < runs; run++) {
                String nonce = "batch-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
                String json = "{\"userIds\":" + ids + ",\"body\":" + PushBody.json("batch", nonce, bodyBytes)
                        + ",\"ttlSeconds\":" + ttlSeconds + ",\"needsAck\":" + needsAck + "}";
                PushRun.Result r = PushRun.run(session, json, nonce, c -> c.resultsStored() >= targets,
                        needsAck ? c -> c.acked() >= clients : null, timing);
                out.printf("%s: task %d, 202 %s ms, first %s ms, half %s ms, last %s ms, stored %s ms, acks %s ms;"
                                + " reached %,d of %,d, %d duplicates, %d other; counts %s%n", Runs.label(run, runs),
                        r.taskId(), Runs.ms(r.acceptedMs()), Runs.ms(r.firstMs()), Runs.ms(r.halfMs()), Runs.ms(r.lastMs()),
                        Runs.ms(r.recordedMs()), Runs.ms(r.ackedMs()),
                        r.reached(), clients, r.duplicates(), r.foreign(), r.counts());
                if (run >= 0) {
                    accepted.add(r.acceptedMs());
                    first.add(r.firstMs());
                    half.add(r.halfMs());
                    last.add(r.lastMs());
                    stored.add(r.recordedMs());
                    acks.add(needsAck ? r.ackedMs() : Double.NaN);
                    missing.add(r.missing());
                    duplicates.add(r.duplicates());
                    foreign.add(r.foreign());
                }
                Thread.sleep(pause.toMillis());
            }
            session.reportDrops();
            out.printf("%nbatch push, %,d targets, %,d connected over %d edges; %d runs after %d warm-up; median, range%n",
                    targets, clients, session.plan.perEdge().size(), runs, warmupRuns);
            Table.ofSeries(List.of(accepted, first, half, last, stored, acks, missing, duplicates, foreign), 0).print(out);
        }
        return 0;
    }

}
