package io.pushfleet.control.admin;

import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeState;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * An operator's drain of an edge node (DESIGN 3.10). Drain writes the durable mark first, so every control
 * plane stops selecting the node at once and the node finds it after a restart, then tells the node through
 * its command stream; undrain removes the mark, then tells the node. Both are idempotent: a repeated drain
 * keeps the first time and sends the command again (which repairs a node that missed it).
 */
@ApplicationScoped
public class DrainService {

    private static final Logger LOG = LoggerFactory.getLogger(DrainService.class);

    private final RegistryService registry;
    private final NodeDrainRepository drains;
    private final Clock clock;

    public DrainService(RegistryService registry, NodeDrainRepository drains, Clock clock) {
        this.registry = registry;
        this.drains = drains;
        this.clock = clock;
    }

    /** Drains a live node; {@code unknown_node} when it is not registered or not reporting. */
    public DrainResponse drain(String nodeIdText) {
        NodeId nodeId = nodeId(nodeIdText);
        NodeStatus status = registered(nodeId).filter(NodeStatus::live)
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_NODE, "node " + nodeId + " is not reporting"));
        Instant since = drains.mark(nodeId, clock.instant());
        drains.command(nodeId, true);
        LOG.info("drain asked for nodeId={} since={}", nodeId, since);
        return response(nodeId, Optional.of(status), since);
    }

    /**
     * Undrains a registered node, or removes the mark of one that no longer reports; {@code unknown_node} when
     * the node is neither registered nor marked.
     */
    public DrainResponse undrain(String nodeIdText) {
        NodeId nodeId = nodeId(nodeIdText);
        Optional<NodeStatus> status = registered(nodeId);
        boolean removed = drains.clearMark(nodeId);
        if (status.isEmpty() && !removed) {
            throw new ApiException(ErrorCode.UNKNOWN_NODE, "node " + nodeId + " is neither registered nor drained");
        }
        drains.command(nodeId, false);
        LOG.info("undrain asked for nodeId={} markRemoved={}", nodeId, removed);
        return response(nodeId, status, null);
    }

    private Optional<NodeStatus> registered(NodeId nodeId) {
        return registry.nodes().stream().filter(s -> s.nodeId().equals(nodeId)).findFirst();
    }

    private static NodeId nodeId(String text) {
        try {
            return new NodeId(text);
        } catch (IllegalArgumentException e) {
            // No node can have this id, so there is no such node.
            throw new ApiException(ErrorCode.UNKNOWN_NODE, "no node can be named like that: " + e.getMessage());
        }
    }

    private static DrainResponse response(NodeId nodeId, Optional<NodeStatus> status, Instant drainedSince) {
        Optional<NodeState> reported = status.filter(NodeStatus::live).flatMap(NodeStatus::info).map(i -> i.state());
        boolean selectable = drainedSince == null && reported.orElse(null) == NodeState.UP;
        return new DrainResponse(nodeId.value(), drainedSince != null, drainedSince,
                reported.map(Enum::name).orElse(null), selectable);
    }
}
