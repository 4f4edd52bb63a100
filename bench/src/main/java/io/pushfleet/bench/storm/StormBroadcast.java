package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.AdminApi;
import io.pushfleet.bench.push.PushBody;
import io.pushfleet.bench.stats.RunSeries;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Timed admin broadcasts ({@code POST {"all":true}}) to every connection the workers hold. A broadcast is one
 * message id, so the workers' per-message counts say how many got it and when the first and the last did
 * (their {@link System#nanoTime()}, comparable with this process's on one Linux box). One warm-up first.
 */
final class StormBroadcast {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final AdminApi api;
    private final Supplier<StormTotals> totals;
    private final Supplier<Duration> edgeCpu;
    private final PrintStream out;

    StormBroadcast(AdminApi api, Supplier<StormTotals> totals, Supplier<Duration> edgeCpu, PrintStream out) {
        this.api = api;
        this.totals = totals;
        this.edgeCpu = edgeCpu;
        this.out = out;
    }

    List<RunSeries> run(int runs, int held) throws IOException, InterruptedException {
        RunSeries accepted = new RunSeries("POST -> 202 (ms)");
        RunSeries first = new RunSeries("POST -> first delivery (ms)");
        RunSeries last = new RunSeries("POST -> last delivery (ms)");
        RunSeries perSecond = new RunSeries("deliveries/s, first -> last");
        RunSeries perCore = new RunSeries("deliveries per edge-CPU-second");
        RunSeries missing = new RunSeries("connections missing it");
        for (int run = -1; run < runs; run++) {
            String nonce = "storm-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            Duration cpu0 = edgeCpu.get();
            long t0 = System.nanoTime();
            AdminApi.Accepted a = api.push("{\"all\":true,\"body\":" + PushBody.json("storm", nonce, 100) + ",\"needsAck\":false}");
            long deadline = t0 + TIMEOUT.toNanos();
            WorkerReport.PushSeen seen = totals.get().push(a.msgId());
            while (seen.count() < held && System.nanoTime() < deadline) {
                Thread.sleep(100);
                seen = totals.get().push(a.msgId());
            }
            double cpu = edgeCpu.get().minus(cpu0).toNanos() / 1e9;
            double firstMs = seen.count() > 0 ? (seen.first() - t0) / 1e6 : Double.NaN;
            double lastMs = seen.count() >= held ? (seen.last() - t0) / 1e6 : Double.NaN;
            out.printf("broadcast %s: 202 %.0f ms, first %.0f ms, last %.0f ms, reached %,d of %,d, edge CPU %.2f s%n",
                    run < 0 ? "warm-up" : (run + 1) + "/" + runs, (a.answeredAtNanos() - t0) / 1e6, firstMs, lastMs,
                    seen.count(), held, cpu);
            if (run >= 0) {
                accepted.add((a.answeredAtNanos() - t0) / 1e6);
                first.add(firstMs);
                last.add(lastMs);
                perSecond.add(seen.count() / ((seen.last() - seen.first()) / 1e9));
                perCore.add(cpu > 0 ? seen.count() / cpu : Double.NaN);
                missing.add(Math.max(0, held - seen.count()));
            }
            Thread.sleep(1_000);
        }
        return List.of(accepted, first, last, perSecond, perCore, missing);
    }
}
