package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.FleetListener;
import io.pushfleet.bench.fleet.SyntheticUsers;
import io.pushfleet.bench.stats.Percentiles;
import io.pushfleet.bench.stats.RunSeries;
import io.pushfleet.bench.stats.Table;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.Target;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench push p2p}: pairs of clients on different edges chat with each other (client {@code 2k} on the
 * first edge and {@code 2k+1} on the second send to each other), each at a steady open-loop rate. Times each
 * message from {@code send} to the partner's {@code push}, and each {@code receipt} (the message is in Kafka).
 */
@Command(name = "p2p", mixinStandardHelpOptions = true,
        description = "Point-to-point chat between pairs of clients on different edges.")
public final class P2pCommand implements Callable<Integer> {

    /** The edge allows 50 frames a second per connection; sends, acks and pings all count. */
    static final double MAX_RATE = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--pairs", defaultValue = "200", description = "Pairs of clients (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--rate", defaultValue = "2", description = "Messages per second each client sends (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "Measured sending time per run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Sending before the measured time of each run, not reported (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain", defaultValue = "10s", converter = DurationConverter.class,
            description = "Longest wait after the last send for pushes and receipts (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-runs", defaultValue = "1", description = "Whole runs before measuring (default: ${DEFAULT-VALUE}).")
    int warmupRuns;

    private final PrintStream out;

    public P2pCommand() {
        this(System.out);
    }

    P2pCommand(PrintStream out) {
        this.out = out;
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>(fleet.problems());
        if (pairs < 1 || pairs > 50_000) {
            problems.add("--pairs: " + pairs + " (expected: 1..50000)");
        }
        if (!(rate > 0 && rate <= MAX_RATE)) {
            problems.add("--rate: " + rate + " (expected: > 0 and <= " + (int) MAX_RATE + "; the edge closes a client"
                    + " sending more than 50 frames a second)");
        }
        if (duration.toMillis() < 1000) {
            problems.add("--duration: " + duration + " (expected: >= 1s)");
        }
        if (warmup.isNegative()) {
            problems.add("--warmup: " + warmup + " (expected: >= 0)");
        }
        problems.addAll(Runs.problems(runs, warmupRuns));
        return problems;
    }

    /** Client {@code i}'s partner: pairs are (0, 1), (2, 3), ... */
    static int partner(int client) {
        return client ^ 1;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        int clients = pairs * 2;
        SyntheticUsers users = fleet.users(clients);
        List<RunSeries> series = List.of(new RunSeries("send -> push p50 (ms)"), new RunSeries("send -> push p99 (ms)"),
                new RunSeries("send -> push max (ms)"), new RunSeries("send -> receipt p50 (ms)"),
                new RunSeries("send -> receipt p99 (ms)"), new RunSeries("messages sent/s"),
                new RunSeries("measured messages not pushed"), new RunSeries("duplicate pushes"),
                new RunSeries("misrouted pushes"), new RunSeries("receipts not accepted"));
        try (BenchSession session = BenchSession.open(fleet, out, "p2p", users, clients, 2, users::user)) {
            out.printf("p2p: %d pairs, each client on another edge than its partner, %s messages/s per client"
                            + " (%s/s in all), %d s measured after %d s warm-up per run, drain up to %d s%n",
                    pairs, Table.format(rate, 1), Table.format(rate * clients, 0), duration.toSeconds(),
                    warmup.toSeconds(), drain.toSeconds());
            for (int run = -warmupRuns; run < runs; run++) {
                double[] figures = runOnce(session, users, clients, Runs.label(run, runs));
                if (run >= 0) {
                    for (int i = 0; i < figures.length; i++) {
                        series.get(i).add(figures[i]);
                    }
                }
            }
            session.reportDrops();
            out.printf("%np2p chat, %d pairs across edges, %s msg/s per client; %d runs after %d warm-up; median, range%n",
                    pairs, Table.format(rate, 1), runs, warmupRuns);
            Table.ofSeries(series.subList(0, 5), 1).print(out);
            Table.ofSeries(series.subList(5, series.size()), 0).print(out);
        }
        return 0;
    }

    private double[] runOnce(BenchSession session, SyntheticUsers users, int clients, String label)
            throws InterruptedException {
        long start = System.nanoTime() + 100_000_000L;
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        P2pRecorder recorder = new P2pRecorder(measureFrom, end, P2pCommand::partner);
        session.fleet.listener(recorder);
        Pacer pacer = new Pacer(clients, rate, start);
        AtomicLong seq = new AtomicLong();
        long measuredSent = 0;
        long allSent = 0;
        while (System.nanoTime() - end < 0) {
            long[] counts = {0};
            allSent += pacer.due(System.nanoTime(), client -> {
                long now = System.nanoTime();
                ChatBody body = new ChatBody(now, client, seq.incrementAndGet());
                session.fleet.send(client, new Frame.Send(new Target.User(users.user(partner(client))),
                        new RawJson(body.json()), body.clientMsgId()));
                if (recorder.measured(now)) {
                    counts[0]++;
                }
            });
            measuredSent += counts[0];
            Thread.sleep(1);
        }
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() - drainUntil < 0
                && (recorder.received() + recorder.duplicates() < allSent || recorder.receipts() < allSent)) {
            Thread.sleep(10);
        }
        session.fleet.listener(FleetListener.NONE);
        Percentiles push = Percentiles.of(recorder.pushLatency().toArray());
        Percentiles receipt = Percentiles.of(recorder.receiptLatency().toArray());
        long notPushed = measuredSent - push.count();
        out.printf("%s: sent %,d (%,d measured), pushed %,d of them; push p50 %s p99 %s max %s ms; receipt p50 %s p99 %s ms;"
                        + " %,d receipts, %d not accepted%s, %d duplicates, %d misrouted, %d other%n", label, allSent,
                measuredSent, push.count(), ms(push.p50()), ms(push.p99()), ms(push.max()), ms(receipt.p50()),
                ms(receipt.p99()), recorder.receipts(), recorder.refused(),
                recorder.refused() > 0 ? " (last: " + recorder.lastRefusal() + ")" : "", recorder.duplicates(),
                recorder.misrouted(), recorder.foreign());
        return new double[] {push.p50() / 1e6, push.p99() / 1e6, push.max() / 1e6, receipt.p50() / 1e6,
                receipt.p99() / 1e6, measuredSent / (duration.toNanos() / 1e9), notPushed, recorder.duplicates(),
                recorder.misrouted(), recorder.refused()};
    }

    private static String ms(long nanos) {
        return Table.format(nanos / 1e6, 1);
    }
}
