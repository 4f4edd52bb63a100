package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.List;

/**
 * A node selection strategy. Implementations must be thread-safe: one instance serves every login.
 */
public interface NodeSelector {

    /**
     * Picks up to {@code count} distinct nodes, best first: the first becomes the client's edge, the others
     * its fallbacks in order. Unweighted strategies pick {@code min(count, candidates.size())} out of
     * {@code candidates}; weighted ones leave out nodes of weight 0, and {@code auto} may add nodes it holds
     * through a mass vanish ({@link AutoWeights}). Empty when no node may be chosen.
     *
     * @param candidates selectable nodes, possibly none, in node-id order (the same order on every
     *                   control plane, so strategies that need a stable order can rely on it)
     * @param count      how many nodes the caller wants, at least 1
     */
    List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count);

    SelectionStrategy strategy();
}
