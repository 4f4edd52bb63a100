package io.pushfleet.model.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushfleet.model.id.NodeId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One edge node's registry report: where clients reach it, its state and its load. Written by the edge
 * every few seconds under {@code RedisKeys.nodeInfo} with a TTL; read by the control plane to select
 * nodes. JSON by hand (tree API, no reflection), so the native edge needs no reflection config.
 */
public record NodeInfo(
        NodeId nodeId,
        long bootEpoch,
        NodeState state,
        String wsUrl,
        String tcpHost,
        int tcpPort,
        String adminUrl,
        long connections,
        long capacity,
        long heapUsedBytes,
        long heapMaxBytes,
        long directUsedBytes,
        double cpuLoad,
        long loopLagMicros,
        Instant reportedAt) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public NodeInfo {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(state, "state");
        requireNonNull(wsUrl, "wsUrl");
        requireNonNull(tcpHost, "tcpHost");
        requireNonNull(adminUrl, "adminUrl");
        requireNonNull(reportedAt, "reportedAt");
        if (tcpPort < 1 || tcpPort > 65535) {
            throw new IllegalArgumentException("tcpPort: " + tcpPort + " (expected: 1..65535)");
        }
    }

    public String toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("nodeId", nodeId.value());
        o.put("bootEpoch", bootEpoch);
        o.put("state", state.name());
        o.put("wsUrl", wsUrl);
        o.put("tcpHost", tcpHost);
        o.put("tcpPort", tcpPort);
        o.put("adminUrl", adminUrl);
        o.put("connections", connections);
        o.put("capacity", capacity);
        o.put("heapUsedBytes", heapUsedBytes);
        o.put("heapMaxBytes", heapMaxBytes);
        o.put("directUsedBytes", directUsedBytes);
        o.put("cpuLoad", cpuLoad);
        o.put("loopLagMicros", loopLagMicros);
        o.put("reportedAt", reportedAt.toEpochMilli());
        return o.toString();
    }

    /** Parses {@link #toJson()} output; throws {@link IllegalArgumentException} for anything else. */
    public static NodeInfo fromJson(String json) {
        try {
            JsonNode o = MAPPER.readTree(json);
            return new NodeInfo(
                    new NodeId(text(o, "nodeId")),
                    o.path("bootEpoch").asLong(),
                    NodeState.valueOf(text(o, "state")),
                    text(o, "wsUrl"),
                    text(o, "tcpHost"),
                    o.path("tcpPort").asInt(),
                    text(o, "adminUrl"),
                    o.path("connections").asLong(),
                    o.path("capacity").asLong(),
                    o.path("heapUsedBytes").asLong(),
                    o.path("heapMaxBytes").asLong(),
                    o.path("directUsedBytes").asLong(),
                    o.path("cpuLoad").asDouble(),
                    o.path("loopLagMicros").asLong(),
                    Instant.ofEpochMilli(o.path("reportedAt").asLong()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("node info: not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("node info: " + field + " missing or not a string");
        }
        return v.asText();
    }
}
