package io.pushfleet.edge.health;

import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Whether this node should get new clients: it is serving (not starting, draining or stopped), no operator
 * drained it, and Redis answers. Thread-safe; never blocks.
 */
public final class Readiness {

    private final NodeStatus status;
    private final BooleanSupplier redisReachable;

    public Readiness(NodeStatus status, BooleanSupplier redisReachable) {
        this.status = requireNonNull(status, "status");
        this.redisReachable = requireNonNull(redisReachable, "redisReachable");
    }

    /** {@code null} when ready, otherwise a short reason. */
    public String notReadyReason() {
        NodeStatus.Phase phase = status.phase();
        if (phase != NodeStatus.Phase.SERVING) {
            return "node is " + phase.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (status.drained()) {
            return "node is drained by an operator";
        }
        if (!redisReachable.getAsBoolean()) {
            return "redis unreachable";
        }
        return null;
    }
}
