package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Static node weights of the weighted strategy: from {@code push.routing.weights} (a comma-separated list of
 * {@code nodeId=weight}) or from {@code PUT /api/admin/routing}. Each weight is an integer
 * 1..{@value #MAX_WEIGHT}; nodes not listed weigh {@value #DEFAULT}. A node is taken out by draining it, not
 * by a weight of 0.
 */
public record NodeWeights(Map<NodeId, Integer> weights) implements WeightTable {

    static final int DEFAULT = 1;
    /** Largest weight; 10,000 : 1 is finer than any fleet needs and keeps sums far from overflow. */
    public static final int MAX_WEIGHT = 10_000;
    /** Most listed nodes. */
    public static final int MAX_ENTRIES = 1_000;

    public NodeWeights {
        if (weights.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("weights: " + weights.size() + " entries (expected: <= " + MAX_ENTRIES + ")");
        }
        weights.forEach((id, weight) -> {
            if (weight < 1 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException("weights." + id + ": " + weight + " (expected: 1.." + MAX_WEIGHT + ")");
            }
        });
        weights = Map.copyOf(weights);
    }

    public static NodeWeights none() {
        return new NodeWeights(Map.of());
    }

    /**
     * Parses {@link #toText()} output or the setting; blank means none. Throws {@link IllegalArgumentException}
     * naming the bad entry; the caller puts the setting's name in front.
     */
    public static NodeWeights parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        Map<NodeId, Integer> weights = new LinkedHashMap<>();
        for (String entry : text.split(",", -1)) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw invalid(entry, "nodeId=weight");
            }
            NodeId nodeId;
            try {
                nodeId = new NodeId(entry.substring(0, equals).strip());
            } catch (IllegalArgumentException e) {
                throw invalid(entry, "a node id of 1 to 64 characters [A-Za-z0-9._-] before '='");
            }
            int weight;
            try {
                weight = Integer.parseInt(entry.substring(equals + 1).strip());
            } catch (NumberFormatException e) {
                weight = 0;
            }
            if (weight < 1 || weight > MAX_WEIGHT) {
                throw invalid(entry, "an integer weight 1.." + MAX_WEIGHT + " after '='");
            }
            if (weights.put(nodeId, weight) != null) {
                throw invalid(entry, "each node id at most once");
            }
        }
        if (weights.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(weights.size() + " entries (expected: <= " + MAX_ENTRIES + ")");
        }
        return new NodeWeights(weights);
    }

    /** The listed weights as {@code edge-a=3,edge-b=1}, in node-id order; empty when none are listed. */
    public String toText() {
        return weightsByName().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The listed weights keyed by node id text, in node-id order, for JSON. */
    public Map<String, Integer> weightsByName() {
        Map<String, Integer> byName = new TreeMap<>();
        weights.forEach((id, weight) -> byName.put(id.value(), weight));
        return byName;
    }

    @Override
    public int weightOf(NodeId nodeId) {
        return weights.getOrDefault(nodeId, DEFAULT);
    }

    private static IllegalArgumentException invalid(String entry, String expected) {
        return new IllegalArgumentException("'" + entry.strip() + "' (expected: " + expected + ")");
    }
}
