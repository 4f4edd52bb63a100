package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.NodeConnection;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes' connection sets and the routes they name (DESIGN 3.4, {@code RedisKeys.nodeConnections}), as the
 * route auditor reads and repairs them. Blocking.
 */
public interface NodeSets {

    /** The node ids in {@code RedisKeys.KNOWN_NODES}; members that are not valid node ids are skipped. */
    Set<NodeId> knownNodes();

    /** The members of the node's connection set, in pages of about {@code count} (SSCAN: a member present throughout is seen). */
    Iterator<List<String>> memberPages(NodeId node, int count);

    /** The route value now stored for each connection's user and device, or null where there is none; in order. */
    List<String> routes(List<NodeConnection> connections);

    /**
     * For each connection: deletes its user's route if it still names this connection on {@code node} (a route the
     * device has since made elsewhere stays), then removes the member from the node's set. Returns the routes deleted.
     */
    int removeFenced(NodeId node, List<NodeConnection> connections);

    /** Removes members from the node's set. */
    void removeMembers(NodeId node, Collection<String> members);

    /**
     * Removes the node from {@code RedisKeys.KNOWN_NODES}, and from the registry's {@code RedisKeys.NODES} unless
     * it reported after {@code lastReport} (empty: it was not in the registry).
     */
    void forget(NodeId node, Optional<Instant> lastReport);
}
