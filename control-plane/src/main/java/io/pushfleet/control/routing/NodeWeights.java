package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;

import java.util.HashMap;
import java.util.Map;

/**
 * Static node weights for the weighted strategy, from {@code push.routing.weights}: a comma-separated
 * list of {@code nodeId=weight}, weight a non-negative integer. Nodes not listed weigh {@value #DEFAULT};
 * weight 0 keeps a node out of the primary pick (it can still be a fallback).
 */
public record NodeWeights(Map<NodeId, Integer> weights) {

    static final int DEFAULT = 1;
    private static final String KEY = "push.routing.weights";

    public NodeWeights {
        weights = Map.copyOf(weights);
    }

    public static NodeWeights none() {
        return new NodeWeights(Map.of());
    }

    /** Parses the setting; blank means none. Throws {@link IllegalArgumentException} naming the bad entry. */
    public static NodeWeights parse(String text) {
        Map<NodeId, Integer> weights = new HashMap<>();
        if (text == null || text.isBlank()) {
            return none();
        }
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
                throw invalid(entry, "a non-negative integer weight after '='");
            }
            if (weight < 0) {
                throw invalid(entry, "a non-negative integer weight after '='");
            }
            if (weights.put(nodeId, weight) != null) {
                throw invalid(entry, "each node id at most once");
            }
        }
        return new NodeWeights(weights);
    }

    public int weightOf(NodeId nodeId) {
        return weights.getOrDefault(nodeId, DEFAULT);
    }

    private static IllegalArgumentException invalid(String entry, String expected) {
        return new IllegalArgumentException(KEY + ": '" + entry.strip() + "' (expected: " + expected + ")");
    }
}
