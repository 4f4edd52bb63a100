package io.pushfleet.control.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Which runs of a node id are dead, judged by boot epoch (a run's start time in epoch millis, in every route
 * and set member it wrote) against the run the registry reports. The registry entry lives for the edge's
 * registry TTL, so a run that stopped reporting, also one merely paused that long, is judged dead only after
 * it expired. A run that started less than {@code grace} ago may not have reported yet and is left alone.
 * Both rules assume the clocks of the edges, Redis and the control plane agree to well within {@code grace}.
 *
 * @param reportedEpoch the boot epoch of the run whose registry entry exists, empty when none does
 * @param grace         how long a new run may take to report ({@code push.routing.node-ttl})
 */
public record EpochFence(OptionalLong reportedEpoch, Instant now, Duration grace) {

    public EpochFence {
        requireNonNull(reportedEpoch, "reportedEpoch");
        requireNonNull(now, "now");
        requireNonNull(grace, "grace");
    }

    /** Whether routes and set members of the run started at {@code bootEpoch} may be removed. */
    public boolean dead(long bootEpoch) {
        if (reportedEpoch.isPresent()) {
            if (bootEpoch == reportedEpoch.getAsLong()) {
                return false;
            }
            if (bootEpoch < reportedEpoch.getAsLong()) {
                // The edge refuses to start while an earlier run of its id still reports (NodeIdGuard).
                return true;
            }
        }
        return bootEpoch < graceStart();
    }

    /**
     * Command-stream entries added before this time (epoch millis, as in stream ids) are read by no live run:
     * a run reads only entries added after it started, and a node without a registry entry has no run
     * reading it, except one that started within the grace.
     */
    public long unreadBefore() {
        return reportedEpoch.isPresent() ? reportedEpoch.getAsLong() : graceStart();
    }

    /** Whether the node has no run left at all: nothing reports, so its set and stream may go once empty. */
    public boolean noRun() {
        return reportedEpoch.isEmpty();
    }

    private long graceStart() {
        return now.minus(grace).toEpochMilli();
    }
}
