package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Smooth weighted round-robin (nginx's algorithm) over static {@link NodeWeights}: every call adds
 * each candidate's weight to its current weight, picks the largest as primary and takes the total
 * off it, so a 3:1 pair goes a, a, b, a rather than a, a, a, b. The fallbacks are the next largest
 * current weights. Nodes of weight 0 are primary only when every candidate weighs 0 (then all count
 * as 1). The current weights are per process and reset for nodes that leave the candidates.
 */
public final class WeightedSelector implements NodeSelector {

    private final NodeWeights weights;
    private final Map<NodeId, Long> current = new HashMap<>();

    public WeightedSelector(NodeWeights weights) {
        this.weights = requireNonNull(weights, "weights");
    }

    @Override
    public List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count) {
        int picks = SelectionArguments.picks(candidates, count);
        boolean allZero = candidates.stream().allMatch(node -> weights.weightOf(node.nodeId()) == 0);
        long[] currents = new long[candidates.size()];
        synchronized (current) {
            Set<NodeId> ids = candidates.stream().map(NodeInfo::nodeId).collect(Collectors.toSet());
            current.keySet().retainAll(ids);
            long total = 0;
            int best = 0;
            for (int i = 0; i < candidates.size(); i++) {
                NodeId id = candidates.get(i).nodeId();
                long weight = allZero ? 1 : weights.weightOf(id);
                total += weight;
                currents[i] = current.merge(id, weight, Long::sum);
                // Strictly greater: ties go to the earlier node in node-id order.
                if (currents[i] > currents[best]) {
                    best = i;
                }
            }
            currents[best] = current.merge(candidates.get(best).nodeId(), -total, Long::sum);
            List<NodeInfo> picked = new ArrayList<>(picks);
            picked.add(candidates.get(best));
            List<Integer> rest = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                if (i != best) {
                    rest.add(i);
                }
            }
            rest.sort(Comparator.comparingLong((Integer i) -> currents[i]).reversed().thenComparing(i -> i));
            for (int i = 0; picked.size() < picks; i++) {
                picked.add(candidates.get(rest.get(i)));
            }
            return picked;
        }
    }

    @Override
    public SelectionStrategy strategy() {
        return SelectionStrategy.WEIGHTED;
    }
}
