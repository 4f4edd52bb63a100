package io.pushfleet.control.admin;

import io.pushfleet.model.id.NodeId;

import java.time.Instant;

/**
 * Where an operator's drain is written (DESIGN 3.10): the durable mark every control plane reads when it
 * selects nodes, and the command on the node's own stream that tells the node at once. Blocking.
 */
public interface NodeDrainRepository {

    /** Marks the node drained as of {@code at} unless it already is; returns the time of the mark that holds. */
    Instant mark(NodeId nodeId, Instant at);

    /** Removes the node's mark; returns whether there was one. */
    boolean clearMark(NodeId nodeId);

    /** Appends a {@code drain} ({@code true}) or {@code undrain} command to the node's stream. */
    void command(NodeId nodeId, boolean drain);
}
