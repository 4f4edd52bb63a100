package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.List;

/**
 * A node selection strategy. Implementations must be thread-safe: one instance serves every login.
 */
public interface NodeSelector {

    /**
     * Picks {@code min(count, candidates.size())} distinct nodes out of {@code candidates}, best first:
     * the first becomes the client's edge, the others its fallbacks in order.
     *
     * @param candidates selectable nodes, never empty, in node-id order (the same order on every
     *                   control plane, so strategies that need a stable order can rely on it)
     * @param count      how many nodes the caller wants, at least 1
     */
    List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count);

    SelectionStrategy strategy();
}
