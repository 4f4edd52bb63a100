package io.pushfleet.edge.health;

import io.pushfleet.model.registry.NodeState;

/**
 * The node's phase, which moves forward only, and whether an operator drained it (DESIGN 3.10), which an
 * undrain reverses. Thread-safe.
 */
public final class NodeStatus {

    /** Phases of a node's run. */
    public enum Phase {
        /** Connecting to Redis, loading keys, binding listeners. */
        STARTING,
        /** Accepting clients. */
        SERVING,
        /** Taking no new clients and moving its clients away (shutdown drains first). */
        DRAINING,
        /** Listeners and connections closed. */
        STOPPED
    }

    private volatile Phase phase = Phase.STARTING;
    private volatile boolean drained;

    public Phase phase() {
        return phase;
    }

    public synchronized void advance(Phase next) {
        if (next.ordinal() > phase.ordinal()) {
            phase = next;
        }
    }

    /** Whether an operator's drain is in force (a shutdown is a phase, not this). */
    public boolean drained() {
        return drained;
    }

    public void drained(boolean drained) {
        this.drained = drained;
    }

    /** The state the registry reports: {@link NodeState#DRAINING} when drained or once shutdown has begun. */
    public NodeState registryState() {
        return drained || phase.ordinal() >= Phase.DRAINING.ordinal() ? NodeState.DRAINING : NodeState.UP;
    }
}
