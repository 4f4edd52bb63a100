package io.pushfleet.edge.health;

import io.pushfleet.model.registry.NodeState;

/** The node's phase; moves forward only. Thread-safe. */
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

    public Phase phase() {
        return phase;
    }

    public synchronized void advance(Phase next) {
        if (next.ordinal() > phase.ordinal()) {
            phase = next;
        }
    }

    /** The state the registry reports: {@link NodeState#DRAINING} once draining has begun. */
    public NodeState registryState() {
        return phase.ordinal() >= Phase.DRAINING.ordinal() ? NodeState.DRAINING : NodeState.UP;
    }
}
