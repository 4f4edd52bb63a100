package io.pushfleet.control.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the route auditor, under {@code push.audit.}; described in {@code application.properties} and
 * docs/control-plane.md. Checked as a whole by {@link #problems()} when the auditor starts.
 */
@ConfigMapping(prefix = "push.audit")
public interface AuditConfig {

    /** Largest batch: SSCAN page, pipelined route checks, stream page. */
    int MAX_BATCH = 10_000;

    /** Run the auditor in this process (it still runs on one control plane at a time). Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Time between two audit passes. Default 5s. */
    @WithDefault("5s")
    Duration interval();

    /** Lease of the audit lock; renewed while a pass runs, so another process takes over this long after a crash. Default 30s. */
    @WithDefault("30s")
    Duration lockLease();

    /** Set members per SSCAN page and route checks per pipelined batch; also stream entries per page. Default 500. */
    @WithDefault("500")
    int batchSize();

    /** Most command-stream entries of dead nodes handled in one pass; the rest wait for the next. Default 5000. */
    @WithDefault("5000")
    int maxStreamEntriesPerPass();

    /** Every problem with these settings, in words an operator can act on; empty when usable. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!interval().isPositive()) {
            problems.add("push.audit.interval: " + interval() + " (expected: > 0)");
        }
        if (lockLease().compareTo(interval()) <= 0) {
            problems.add("push.audit.lock-lease: " + lockLease() + " (expected: > push.audit.interval)");
        }
        if (batchSize() < 1 || batchSize() > MAX_BATCH) {
            problems.add("push.audit.batch-size: " + batchSize() + " (expected: 1.." + MAX_BATCH + ")");
        }
        if (maxStreamEntriesPerPass() < 1) {
            problems.add("push.audit.max-stream-entries-per-pass: " + maxStreamEntriesPerPass() + " (expected: >= 1)");
        }
        return problems;
    }
}
