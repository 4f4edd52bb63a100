package io.pushfleet.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON bodies of the control plane's auth API, written and read through the tree model (no
 * reflection). Parse failures are {@link IllegalArgumentException}s naming the field, never quoting the
 * body: a login body holds a token.
 */
final class ControlPlaneJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ControlPlaneJson() {
    }

    static byte[] registerRequest(String username, String password) {
        ObjectNode o = MAPPER.createObjectNode().put("username", username).put("password", password);
        return write(o);
    }

    static byte[] loginRequest(String username, String password, DeviceId deviceId) {
        ObjectNode o = MAPPER.createObjectNode().put("username", username).put("password", password)
                .put("deviceId", deviceId.value());
        return write(o);
    }

    static UserId registered(byte[] body) {
        JsonNode o = read(body);
        return new UserId(integer(o, "userId"));
    }

    static LoginResponse loginResponse(byte[] body) {
        JsonNode o = read(body);
        Instant expiresAt;
        String expires = text(o, "expiresAt");
        try {
            expiresAt = Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt: '" + expires + "' (expected: an ISO-8601 instant)");
        }
        List<EdgeAddress> fallbacks = new ArrayList<>();
        JsonNode list = o.get("fallbacks");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("fallbacks: " + describe(list) + " (expected: an array)");
            }
            for (JsonNode item : list) {
                fallbacks.add(edge(item, "fallbacks[" + fallbacks.size() + "]"));
            }
        }
        JsonNode backoff = object(o, "backoff");
        return new LoginResponse(text(o, "token"), expiresAt, edge(object(o, "edge"), "edge"), fallbacks,
                Duration.ofSeconds(integer(o, "heartbeatSeconds")),
                new Backoff(Duration.ofMillis(integer(backoff, "baseMs")), number(backoff, "factor"),
                        number(backoff, "jitter"), Duration.ofMillis(integer(backoff, "maxMs"))));
    }

    /** The {@code {code, message, traceId}} error body, or an {@code unexpected_response} when it is not one. */
    static ApiException error(int status, byte[] body) {
        try {
            JsonNode o = read(body);
            JsonNode traceId = o.get("traceId");
            JsonNode message = o.get("message");
            return new ApiException(status, text(o, "code"),
                    message != null && message.isTextual() ? message.textValue() : "",
                    traceId != null && traceId.isTextual() ? traceId.textValue() : null);
        } catch (IllegalArgumentException e) {
            return new ApiException(status, ApiException.UNEXPECTED_RESPONSE,
                    "error body not in the {code, message, traceId} shape (" + body.length + " bytes)", null);
        }
    }

    private static EdgeAddress edge(JsonNode o, String name) {
        if (!o.isObject()) {
            throw new IllegalArgumentException(name + ": " + describe(o) + " (expected: an object)");
        }
        try {
            return new EdgeAddress(new NodeId(text(o, "nodeId")), URI.create(text(o, "wsUrl")),
                    text(o, "tcpHost"), Math.toIntExact(integer(o, "tcpPort")));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(name + "." + e.getMessage(), e);
        }
    }

    private static JsonNode read(byte[] body) {
        JsonNode o;
        try {
            o = MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body: not valid JSON");
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("body: " + describe(o) + " (expected: a JSON object)");
        }
        return o;
    }

    private static byte[] write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("in-memory JSON write failed", e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + ": " + describe(v) + " (expected: a string)");
        }
        return v.textValue();
    }

    private static long integer(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(field + ": " + describe(v) + " (expected: an integer)");
        }
        return v.longValue();
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(field + ": " + describe(v) + " (expected: a number)");
        }
        return v.doubleValue();
    }

    private static JsonNode object(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException(field + ": " + describe(v) + " (expected: an object)");
        }
        return v;
    }

    private static String describe(JsonNode v) {
        return v == null ? "missing" : v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
