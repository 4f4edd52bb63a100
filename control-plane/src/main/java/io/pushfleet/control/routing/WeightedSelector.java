package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Smooth weighted round-robin (nginx's algorithm) over a {@link WeightTable}: every call adds each
 * candidate's weight to its current weight, picks the largest as primary and takes the total off it, so a
 * 3:1 pair goes a, a, b, a rather than a, a, a, b. The fallbacks are the next largest current weights.
 * Nodes of weight 0 are never chosen, neither as primary nor as fallback; when every candidate weighs 0
 * the answer is empty. The table is read once per call, so it may be swapped between calls (the
 * {@code auto} strategy does); the current weights are per process and reset for nodes that leave the
 * candidates.
 */
public final class WeightedSelector implements NodeSelector {

    private final Supplier<? extends WeightTable> weights;
    private final SelectionStrategy strategy;
    private final Map<NodeId, Long> current = new HashMap<>();

    /** Over a table that may change from call to call, for {@code strategy}. */
    public WeightedSelector(Supplier<? extends WeightTable> weights, SelectionStrategy strategy) {
        this.weights = requireNonNull(weights, "weights");
        this.strategy = requireNonNull(strategy, "strategy");
    }

    /** The {@code weighted} strategy over static weights. */
    public WeightedSelector(NodeWeights weights) {
        this(fixed(weights), SelectionStrategy.WEIGHTED);
    }

    private static Supplier<NodeWeights> fixed(NodeWeights weights) {
        requireNonNull(weights, "weights");
        return () -> weights;
    }

    @Override
    public List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count) {
        SelectionArguments.picks(candidates, count);
        WeightTable table = weights.get();
        List<NodeInfo> eligible = candidates.stream().filter(node -> table.weightOf(node.nodeId()) > 0).toList();
        int picks = Math.min(count, eligible.size());
        if (picks == 0) {
            return List.of();
        }
        long[] currents = new long[eligible.size()];
        synchronized (current) {
            Set<NodeId> ids = eligible.stream().map(NodeInfo::nodeId).collect(Collectors.toSet());
            current.keySet().retainAll(ids);
            long total = 0;
            int best = 0;
            for (int i = 0; i < eligible.size(); i++) {
                NodeId id = eligible.get(i).nodeId();
                long weight = table.weightOf(id);
                total += weight;
                currents[i] = current.merge(id, weight, Long::sum);
                // Strictly greater: ties go to the earlier node in node-id order.
                if (currents[i] > currents[best]) {
                    best = i;
                }
            }
            currents[best] = current.merge(eligible.get(best).nodeId(), -total, Long::sum);
            List<NodeInfo> picked = new ArrayList<>(picks);
            picked.add(eligible.get(best));
            List<Integer> rest = new ArrayList<>(eligible.size());
            for (int i = 0; i < eligible.size(); i++) {
                if (i != best) {
                    rest.add(i);
                }
            }
            rest.sort(Comparator.comparingLong((Integer i) -> currents[i]).reversed().thenComparing(i -> i));
            for (int i = 0; picked.size() < picks; i++) {
                picked.add(eligible.get(rest.get(i)));
            }
            return picked;
        }
    }

    @Override
    public SelectionStrategy strategy() {
        return strategy;
    }
}
