package io.pushfleet.control.registry;

import io.pushfleet.model.id.NodeId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Read access to the node registry the edges write (DESIGN 3.9, {@code RedisKeys.NODES} and friends). */
public interface RegistryRepository {

    /** Every registered node with the time of its last report; members that are not valid node ids are skipped. */
    List<NodeReport> reports();

    /** The raw {@code NodeInfo} JSON of those of {@code nodes} whose info key still exists. */
    Map<NodeId, String> infos(Collection<NodeId> nodes);

    /** The size of each node's connection set ({@code RedisKeys.nodeConnections}); 0 when the set does not exist. */
    Map<NodeId, Long> connectionSetSizes(Collection<NodeId> nodes);

    /**
     * Every node an operator drained ({@code RedisKeys.DRAINING}, DESIGN 3.10) with when; fields that are not a
     * node id and a time are skipped.
     */
    Map<NodeId, Instant> drainMarks();
}
