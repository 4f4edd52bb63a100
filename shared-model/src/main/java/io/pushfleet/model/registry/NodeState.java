package io.pushfleet.model.registry;

/** An edge node's state in the registry. */
public enum NodeState {
    /** Accepting new clients. */
    UP,
    /** Moving its clients away; selected for no new client. */
    DRAINING
}
