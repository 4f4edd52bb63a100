package io.pushfleet.control.registry;

import io.pushfleet.model.id.NodeId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** One member of the registry's sorted set: a node and the time of its last report (the score). */
public record NodeReport(NodeId nodeId, Instant lastReportAt) {

    public NodeReport {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(lastReportAt, "lastReportAt");
    }
}
