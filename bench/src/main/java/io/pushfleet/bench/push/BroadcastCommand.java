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
 * {@code bench push broadcast}: with the clients connected, {@code POST {"all":true}} again and again; times
 * the first and last delivery and the fan-out rate, and checks each client got exactly one copy. Note that
 * a broadcast reaches every client of the fleet: other clients connected meanwhile get it too.
 */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
        description = "Admin broadcast ({\"all\":true}) to every connected client.")
public final class BroadcastCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--clients", defaultValue = "10000", description = "Connected clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--runs", defaultValue = "10", description = "Measured broadcasts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "2", description = "Broadcasts before measuring (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    @Option(names = "--body-bytes", defaultValue = "100", description = "Push body size (default: ${DEFAULT-VALUE}).")
    int bodyBytes;

    @Option(names = "--needs-ack", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Ask clients to ack (default: ${DEFAULT-VALUE}).")
    boolean needsAck;

    @Option(names = "--poll", defaultValue = "250ms", converter = DurationConverter.class,
            description = "How often the task's counts are polled while waiting (default: ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--pause", defaultValue = "2s", converter = DurationConverter.class,
            description = "Quiet time between broadcasts (default: ${DEFAULT-VALUE}).")
    Duration pause;

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest wait for the deliveries and the results of one broadcast (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private final PrintStream out;

    public BroadcastCommand() {
        this(System.out);
    }

    BroadcastCommand(PrintStream out) {
        this.out = out;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>(fleet.problems());
        if (clients < 1 || clients > 100_000) {
            problems.add("--clients: " + clients + " (expected: 1..100000)");
        }
        problems.addAll(Runs.problems(runs, warmupRuns));
        problems.addAll(Runs.pushProblems(bodyBytes, poll));
        return problems;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        SyntheticUsers users = fleet.users(clients);
        RunSeries accepted = new RunSeries("POST -> 202 (ms)");
        RunSeries first = new RunSeries("POST -> first delivery (ms)");
        RunSeries last = new RunSeries("POST -> last delivery (ms)");
        RunSeries spread = new RunSeries("first -> last delivery (ms)");
        RunSeries fanout = new RunSeries("deliveries/s, first -> last");
        RunSeries endToEnd = new RunSeries("deliveries/s, POST -> last");
        RunSeries recorded = new RunSeries("POST -> all results recorded (ms)");
        RunSeries missing = new RunSeries("clients missing it");
        RunSeries duplicates = new RunSeries("duplicate deliveries");
        RunSeries foreign = new RunSeries("other pushes received");
        try (BenchSession session = BenchSession.open(fleet, out, "broadcast", users, clients, 1, users::user)) {
            out.printf("broadcast: {\"all\":true}, body %d bytes, needsAck %s; results recorded = written + acked >= %,d"
                    + " (polled every %d ms)%n", bodyBytes, needsAck, clients, poll.toMillis());
            PushRun.Timing timing = new PushRun.Timing(timeout, timeout, poll, Duration.ofSeconds(1));
            for (int run = -warmupRuns; run < runs; run++) {
                String nonce = "all-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
                String json = "{\"all\":true,\"body\":" + PushBody.json("broadcast", nonce, bodyBytes)
                        + ",\"needsAck\":" + needsAck + "}";
                PushRun.Result r = PushRun.run(session, json, nonce, c -> c.written() + c.acked() >= clients, null, timing);
                out.printf("%s: task %d, 202 %s ms, first %s ms, last %s ms, recorded %s ms; reached %,d of %,d,"
                                + " %d duplicates, %d other; counts %s%n", Runs.label(run, runs), r.taskId(),
                        Runs.ms(r.acceptedMs()), Runs.ms(r.firstMs()), Runs.ms(r.lastMs()), Runs.ms(r.recordedMs()), r.reached(), clients,
                        r.duplicates(), r.foreign(), r.counts());
                if (run >= 0) {
                    accepted.add(r.acceptedMs());
                    first.add(r.firstMs());
                    last.add(r.lastMs());
                    spread.add(r.lastMs() - r.firstMs());
                    fanout.add(r.fanoutPerSecond());
                    endToEnd.add(r.endToEndPerSecond());
                    recorded.add(r.recordedMs());
                    missing.add(r.missing());
                    duplicates.add(r.duplicates());
                    foreign.add(r.foreign());
                }
                Thread.sleep(pause.toMillis());
            }
            session.reportDrops();
            out.printf("%nbroadcast, %,d connected over %d edges; %d runs after %d warm-up; median, range%n",
                    clients, session.plan.perEdge().size(), runs, warmupRuns);
            Table.ofSeries(List.of(accepted, first, last, spread, fanout, endToEnd, recorded, missing, duplicates, foreign), 0)
                    .print(out);
        }
        return 0;
    }

}
