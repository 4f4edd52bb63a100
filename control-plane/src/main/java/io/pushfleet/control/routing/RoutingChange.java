package io.pushfleet.control.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.NodeId;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The body of {@code PUT /api/admin/routing}, checked: {@code {"strategy": "weighted", "weights": {"edge-a": 3}}}.
 * {@code strategy} is required and one of {@link SelectionStrategy#NAMES}; {@code weights} is required for
 * {@code weighted} (1 to {@value NodeWeights#MAX_ENTRIES} entries, each a valid node id with an integer weight
 * 1..{@value NodeWeights#MAX_WEIGHT}) and refused for the other strategies; no other field is accepted. Every
 * refusal is {@code invalid_routing}; the first failure is the answer.
 */
public record RoutingChange(SelectionStrategy strategy, NodeWeights weights) {

    private static final Set<String> FIELDS = Set.of("strategy", "weights");

    public RoutingChange {
        requireNonNull(strategy, "strategy");
        requireNonNull(weights, "weights");
    }

    public static RoutingChange parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw refused("request body: " + (body == null ? "missing" : body.getNodeType().name().toLowerCase(Locale.ROOT))
                    + " (expected: a JSON object)");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw refused("unknown field '" + name + "' (expected: strategy, weights)");
            }
        }
        JsonNode strategyNode = body.get("strategy");
        if (strategyNode == null || !strategyNode.isTextual()) {
            throw refused("strategy: " + (strategyNode == null ? "missing" : strategyNode.toString())
                    + " (expected: one of " + SelectionStrategy.NAMES + ")");
        }
        SelectionStrategy strategy = SelectionStrategy.fromConfigName(strategyNode.asText()).orElseThrow(() ->
                refused("strategy: " + strategyNode + " (expected: one of " + SelectionStrategy.NAMES + ")"));
        JsonNode weightsNode = body.get("weights");
        boolean hasWeights = weightsNode != null && !weightsNode.isNull();
        if (strategy != SelectionStrategy.WEIGHTED) {
            if (hasWeights) {
                throw refused("weights: given for " + strategy.configName() + " (expected: only with weighted)");
            }
            return new RoutingChange(strategy, NodeWeights.none());
        }
        if (!hasWeights) {
            throw refused("weights: missing (expected: an object of nodeId: weight for weighted)");
        }
        return new RoutingChange(strategy, weights(weightsNode));
    }

    private static NodeWeights weights(JsonNode node) {
        if (!node.isObject() || node.isEmpty() || node.size() > NodeWeights.MAX_ENTRIES) {
            throw refused("weights: " + (node.isObject() ? node.size() + " entries" : node.getNodeType().name().toLowerCase(Locale.ROOT))
                    + " (expected: an object of 1.." + NodeWeights.MAX_ENTRIES + " nodeId: weight entries)");
        }
        Map<NodeId, Integer> weights = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            NodeId nodeId;
            try {
                nodeId = new NodeId(field.getKey());
            } catch (IllegalArgumentException e) {
                throw refused("weights: node id '" + field.getKey()
                        + "' (expected: 1 to 64 characters [A-Za-z0-9._-])");
            }
            JsonNode weight = field.getValue();
            if (!weight.isIntegralNumber() || !weight.canConvertToInt() || weight.intValue() < 1
                    || weight.intValue() > NodeWeights.MAX_WEIGHT) {
                throw refused("weights." + field.getKey() + ": " + weight + " (expected: an integer 1.."
                        + NodeWeights.MAX_WEIGHT + ")");
            }
            weights.put(nodeId, weight.intValue());
        }
        return new NodeWeights(weights);
    }

    private static ApiException refused(String message) {
        return new ApiException(ErrorCode.INVALID_ROUTING, message);
    }
}
