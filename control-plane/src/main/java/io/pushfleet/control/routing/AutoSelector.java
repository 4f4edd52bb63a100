package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The {@code auto} strategy: {@link WeightedSelector}'s smooth weighted round-robin over the weights
 * {@link AutoWeights} holds, on the pool it hands out (the candidates plus nodes held through a mass vanish).
 */
final class AutoSelector implements NodeSelector {

    private final AutoWeights weights;
    private final WeightedSelector weighted;

    AutoSelector(AutoWeights weights) {
        this.weights = requireNonNull(weights, "weights");
        this.weighted = new WeightedSelector(weights::table, SelectionStrategy.AUTO);
    }

    @Override
    public List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count) {
        return weighted.select(weights.pool(candidates), request, count);
    }

    @Override
    public SelectionStrategy strategy() {
        return SelectionStrategy.AUTO;
    }
}
