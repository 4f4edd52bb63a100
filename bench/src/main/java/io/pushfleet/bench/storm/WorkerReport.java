package io.pushfleet.bench.storm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a worker process tells the orchestrator: one line on its standard output, {@code STORM } and a JSON
 * object, every report interval and at each change of state. Every report carries the worker's totals so
 * far (not a delta), so a lost or late line costs nothing. Times are {@link System#nanoTime()}, which on
 * Linux is the system-wide monotonic clock and so comparable between processes of one box.
 *
 * @param state      {@code ready} (tokens minted, waiting), {@code connecting}, {@code settled} (every attempt
 *                   up to {@code target} has an outcome), {@code stopped} (connections closed, last report)
 * @param target     connections this worker was asked to hold so far
 * @param attempted  connects started
 * @param held       authenticated and still open
 * @param failed     attempts that never authenticated, by reason in {@code failures}
 * @param dropped    connections lost after they authenticated, by reason in {@code drops}
 * @param latency    connect + auth latencies of the authenticated ones ({@link
 *                   io.pushfleet.bench.stats.LatencyHistogram#encode()})
 * @param settledAt  when the last outcome of the current target arrived; 0 while connecting
 * @param pushes     pushes received, per message id
 */
record WorkerReport(String state, int worker, int target, int attempted, int held, int failed, int dropped,
                    Map<String, Long> failures, Map<String, Long> drops, String latency, long settledAt,
                    List<PushSeen> pushes) {

    static final String PREFIX = "STORM ";
    static final String READY = "ready";
    static final String CONNECTING = "connecting";
    static final String SETTLED = "settled";
    static final String STOPPED = "stopped";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One message id's copies at this worker: how many, first and last arrival. */
    record PushSeen(long msgId, int count, long first, long last) {
    }

    WorkerReport {
        requireNonNull(state, "state");
        failures = Map.copyOf(failures);
        drops = Map.copyOf(drops);
        requireNonNull(latency, "latency");
        pushes = List.copyOf(pushes);
    }

    String toLine() {
        try {
            return PREFIX + JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("worker report not serializable", e);
        }
    }

    /** The report on {@code line}, or empty for any other line (a worker's log output). */
    static Optional<WorkerReport> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line.substring(PREFIX.length()), WorkerReport.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("worker report: " + e.getOriginalMessage() + " in "
                    + (line.length() > 200 ? line.substring(0, 200) + "..." : line), e);
        }
    }
}
