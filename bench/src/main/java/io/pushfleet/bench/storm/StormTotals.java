package io.pushfleet.bench.storm;

import io.pushfleet.bench.stats.LatencyHistogram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sum of the workers' latest reports: counts, failures and drops by reason, the latency histograms (merged
 * when asked for: the progress display does not need them), when the last worker settled, and every message
 * id's deliveries over all workers.
 */
record StormTotals(int workers, int target, int attempted, int held, int failed, int dropped,
                   Map<String, Long> failures, Map<String, Long> drops, List<String> encodedLatencies,
                   boolean allSettled, long lastSettledAt, Map<Long, WorkerReport.PushSeen> pushes) {

    /** Totals of {@code reports} (one per worker; a worker not heard from yet counts as not settled). */
    static StormTotals of(Collection<WorkerReport> reports, int workers) {
        int target = 0;
        int attempted = 0;
        int held = 0;
        int failed = 0;
        int dropped = 0;
        Map<String, Long> failures = new TreeMap<>();
        Map<String, Long> drops = new TreeMap<>();
        List<String> latencies = new ArrayList<>();
        boolean settled = reports.size() == workers;
        long lastSettled = 0;
        Map<Long, WorkerReport.PushSeen> pushes = new HashMap<>();
        for (WorkerReport r : reports) {
            target += r.target();
            attempted += r.attempted();
            held += r.held();
            failed += r.failed();
            dropped += r.dropped();
            r.failures().forEach((k, v) -> failures.merge(k, v, Long::sum));
            r.drops().forEach((k, v) -> drops.merge(k, v, Long::sum));
            if (!r.latency().isEmpty()) {
                latencies.add(r.latency());
            }
            settled &= r.settledAt() != 0;
            lastSettled = Math.max(lastSettled, r.settledAt());
            for (WorkerReport.PushSeen p : r.pushes()) {
                pushes.merge(p.msgId(), p, (a, b) -> new WorkerReport.PushSeen(a.msgId(), a.count() + b.count(),
                        Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
            }
        }
        return new StormTotals(workers, target, attempted, held, failed, dropped, failures, drops,
                List.copyOf(latencies), settled, lastSettled, pushes);
    }

    /** The connect + auth latencies of all workers, merged. */
    LatencyHistogram latency() {
        LatencyHistogram merged = new LatencyHistogram();
        for (String encoded : encodedLatencies) {
            merged.add(LatencyHistogram.decode(encoded));
        }
        return merged;
    }

    /** Deliveries of message {@code msgId} over all workers so far (count 0 when none). */
    WorkerReport.PushSeen push(long msgId) {
        return pushes.getOrDefault(msgId, new WorkerReport.PushSeen(msgId, 0, 0, 0));
    }
}
