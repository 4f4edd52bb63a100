package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the control plane's REST API as an operator's script would use it. */
final class AdminApi {

    /** Status and parsed JSON body of one call. */
    record Reply(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String adminKey;

    AdminApi(URI base, String adminKey) {
        this.base = base;
        this.adminKey = adminKey;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), adminKey);
    }

    /** One node of {@code GET /api/admin/nodes}; fails when it is not registered. */
    JsonNode node(String nodeId) {
        for (JsonNode node : get("/api/admin/nodes").body().path("nodes")) {
            if (node.path("nodeId").asText().equals(nodeId)) {
                return node;
            }
        }
        throw new AssertionError("node " + nodeId + " is not registered");
    }

    /** Whether {@code GET /api/admin/nodes} lists the node as one a login may be sent to; false when not registered. */
    boolean selectable(String nodeId) {
        for (JsonNode node : get("/api/admin/nodes").body().path("nodes")) {
            if (node.path("nodeId").asText().equals(nodeId)) {
                return node.path("selectable").asBoolean();
            }
        }
        return false;
    }

    Reply getWithKey(String path, String key) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), key);
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), adminKey);
    }

    Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), adminKey);
    }

    Reply send(String method, String path, String key) {
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"), key);
    }

    private Reply send(HttpRequest.Builder request, String key) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call to " + base + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
