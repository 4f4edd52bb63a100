package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.ProcStats;
import io.pushfleet.bench.stats.LatencyHistogram;
import io.pushfleet.bench.stats.LinearFit;
import io.pushfleet.bench.stats.RunSeries;
import io.pushfleet.bench.stats.Table;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one storm: one row per step (the baseline with nothing held first), the memory fit over
 * the steps, failures and drops by reason, the latency percentiles over all connects, broadcasts, and each
 * edge at the end. Built by {@link StormRun} as it goes, printed once (by the shutdown hook if a signal stops the
 * run, hence the locks).
 */
final class StormReport {

    /**
     * One step: the totals once it settled, how long it took, the CPU each side spent, and memory then: each
     * edge's, the workers' resident sets (summed), the kernel's socket memory and the whole box's use.
     */
    record Step(int target, StormTotals totals, double seconds, Duration edgeCpu, Duration workerCpu,
                List<EdgeProbe.Sample> edges, long workerRss, ProcStats.Sockstat sockstat, long slabBytes,
                long boxUsedBytes, String load) {

        double rss() {
            return sum(EdgeProbe.Sample::rssBytes);
        }

        double heap() {
            return sum(EdgeProbe.Sample::heapBytes);
        }

        double direct() {
            return sum(EdgeProbe.Sample::directBytes);
        }

        /** The edges' total, or NaN if an edge's figure could not be read. */
        private double sum(ToDoubleFunction<EdgeProbe.Sample> figure) {
            return edges.stream().mapToDouble(figure).reduce(0, (a, b) -> b >= 0 ? a + b : Double.NaN);
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<RunSeries> broadcast = new ArrayList<>();
    private final int edges;
    private final int workers;
    private final boolean gc;
    private StormTotals last;
    private boolean stopped;

    /** {@code gc}: the heap figures were taken after a full GC (else they include garbage). */
    StormReport(int edges, int workers, boolean gc) {
        this.edges = edges;
        this.workers = workers;
        this.gc = gc;
    }

    synchronized void step(Step step) {
        steps.add(step);
        last = step.totals();
    }

    synchronized void last(StormTotals totals) {
        last = totals;
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    /** A signal stopped the run before its end: the figures are as far as it got, and it is not clean. */
    synchronized void stopped(String note) {
        stopped = true;
        notes.add(note);
    }

    synchronized void broadcast(List<RunSeries> series) {
        broadcast.addAll(series);
    }

    /** Every connection was held to the end: none failed, none dropped. */
    synchronized boolean clean() {
        return !stopped && last != null && last.failed() == 0 && last.dropped() == 0 && !steps.isEmpty()
                && steps.getLast().totals().held() == steps.getLast().target();
    }

    synchronized void print(PrintStream out) {
        out.println();
        Table t = new Table("held", "new", "s", "conn/s", "failed", "edge CPU s", "worker CPU s", "conn/edge-CPU-s",
                "edge RSS MB", "heap MB", "direct MB", "worker RSS MB", "TCP mem MB", "slab MB", "box used MB", "load 1m");
        Step previous = null;
        for (Step s : steps) {
            int fresh = s.totals().held() - (previous == null ? 0 : previous.totals().held());
            double edgeCpu = s.edgeCpu().toNanos() / 1e9;
            t.row(n(s.totals().held()), n(fresh), f(s.seconds(), 2), s.seconds() > 0 ? f(fresh / s.seconds(), 0) : "-",
                    n(s.totals().failed()), f(edgeCpu, 2), f(s.workerCpu().toNanos() / 1e9, 2),
                    edgeCpu > 0 ? f(fresh / edgeCpu, 0) : "-", mb(s.rss()), mb(s.heap()), mb(s.direct()),
                    mb(s.workerRss()), mb(s.sockstat().tcpMemBytes()), mb(s.slabBytes()), mb(s.boxUsedBytes()), s.load());
            previous = s;
        }
        t.print(out);
        printFit(out);
        if (last != null) {
            LatencyHistogram l = last.latency();
            out.printf("%nconnect + auth latency over %,d connections (ms): p50 %s, p90 %s, p99 %s, max %s%n", l.count(),
                    f(l.percentileMs(50), 1), f(l.percentileMs(90), 1), f(l.percentileMs(99), 1), f(l.maxMs(), 1));
            printReasons(out, "failed connects by reason", last.failures());
            printReasons(out, "connections dropped after auth by reason", last.drops());
        }
        if (!broadcast.isEmpty()) {
            out.printf("%nbroadcast to every held connection; median, range%n");
            Table.ofSeries(broadcast, 0).print(out);
        }
        if (!steps.isEmpty()) {
            out.printf("%nedges at the end%n");
            Table e = new Table("edge", "connections", "RSS MB", "heap MB", "direct MB", "CPU s (process total)");
            for (EdgeProbe.Sample s : steps.getLast().edges()) {
                e.row(s.edge(), f(s.connections(), 0), mb(s.rssBytes()), mb(s.heapBytes()), mb(s.directBytes()),
                        f(s.cpu().toNanos() / 1e9, 2));
            }
            e.print(out);
        }
        notes.forEach(n -> out.println("note: " + n));
        out.println(stopped ? "result: STOPPED by a signal before the end (see the note above)"
                : clean() ? "result: every connection held to the end"
                : "result: NOT CLEAN: connections failed or dropped (see above)");
    }

    /** Bytes per held connection (the slope) and fixed bytes per edge process (the intercept / edges). */
    private void printFit(PrintStream out) {
        if (steps.size() < 2) {
            return;
        }
        double[] x = steps.stream().mapToDouble(s -> s.totals().held()).toArray();
        out.printf("%nleast-squares fit over the %d rows, user-space memory of the %d edge process%s:%n",
                steps.size(), edges, edges == 1 ? "" : "es");
        for (Map.Entry<String, double[]> m : Map.of(
                "RSS", steps.stream().mapToDouble(Step::rss).toArray(),
                gc ? "heap after GC" : "heap (no GC)", steps.stream().mapToDouble(Step::heap).toArray(),
                "direct", steps.stream().mapToDouble(Step::direct).toArray()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            if (x[0] == x[x.length - 1] || Arrays.stream(m.getValue()).anyMatch(v -> !(v >= 0))) {
                continue;
            }
            LinearFit fit = LinearFit.of(x, m.getValue());
            out.printf("  %-14s %,8.0f bytes per connection, fixed %,7.1f MB per edge process%n", m.getKey(), fit.slope(),
                    fit.intercept() / edges / 1e6);
        }
        double[] workerRss = steps.stream().mapToDouble(Step::workerRss).toArray();
        if (Arrays.stream(workerRss).allMatch(v -> v >= 0)) {
            LinearFit fit = LinearFit.of(x, workerRss);
            out.printf("  %-14s %,8.0f bytes per connection, fixed %,7.1f MB per worker process (the load generator)%n",
                    "worker RSS", fit.slope(), fit.intercept() / workers / 1e6);
        }
        double[] kernel = steps.stream().mapToDouble(s -> s.sockstat().tcpMemBytes() + s.slabBytes()).toArray();
        if (Arrays.stream(kernel).allMatch(v -> v >= 0)) {
            out.printf("  %-14s %,8.0f bytes per connection (both ends: TCP buffer pages + unreclaimable slab, box-wide)%n",
                    "kernel", LinearFit.of(x, kernel).slope());
        }
        double[] box = steps.stream().mapToDouble(Step::boxUsedBytes).toArray();
        if (Arrays.stream(box).allMatch(v -> v >= 0)) {
            out.printf("  %-14s %,8.0f bytes per connection (MemTotal - MemAvailable: edges, workers, kernel and the"
                    + " rest of the box, all in)%n", "whole box", LinearFit.of(x, box).slope());
        }
    }

    private static void printReasons(PrintStream out, String title, Map<String, Long> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        out.printf("%n%s%n", title);
        Table t = new Table("reason", "count");
        reasons.forEach((k, v) -> t.row(k, n(v)));
        t.print(out);
    }

    private static String n(long v) {
        return Table.format(v, 0);
    }

    private static String f(double v, int decimals) {
        return Table.format(v, decimals);
    }

    private static String mb(double bytes) {
        return bytes >= 0 ? Table.format(bytes / 1e6, 1) : "-";
    }
}
