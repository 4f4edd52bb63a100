package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;

/** Node weights as {@link WeightedSelector} reads them: static ({@link NodeWeights}) or computed ({@link AutoWeights}). */
@FunctionalInterface
public interface WeightTable {

    /** The node's weight, at least 0; 0 means the node is never chosen. */
    int weightOf(NodeId nodeId);
}
