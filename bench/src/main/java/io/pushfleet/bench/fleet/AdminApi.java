package io.pushfleet.bench.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.model.id.NodeId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The admin REST calls the benchmarks make (docs/control-plane.md): the edges from {@code GET
 * /api/admin/nodes}, {@code POST /api/admin/pushes} and {@code GET /api/admin/pushes/{taskId}}. One HTTP/1.1
 * client, so after the first call the connection is warm and a timed POST does not include a TCP handshake.
 */
public final class AdminApi {

    /** The {@code 202} answer to a push, with when it arrived ({@link System#nanoTime()}). */
    public record Accepted(long taskId, long msgId, long answeredAtNanos) {
    }

    /** A refusal or an unexpected answer of the control plane. */
    public static final class AdminApiException extends IOException {
        private final int status;

        AdminApiException(String what, int status, String body) {
            super(what + ": HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String adminKey;
    private final HttpClient http;
    private final Duration timeout;

    public AdminApi(URI base, String adminKey, Duration timeout) {
        this.base = requireNonNull(base, "base");
        this.adminKey = requireNonNull(adminKey, "adminKey");
        this.timeout = requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** An edge as the registry reports it: where clients connect and its admin port (health, metrics). */
    public record Edge(EdgeEndpoint endpoint, URI adminUrl) {
    }

    /** Live, selectable edges with a registry report, ordered by node id. */
    public List<EdgeEndpoint> selectableEdges() throws IOException, InterruptedException {
        return selectableEdgesWithAdmin().stream().map(Edge::endpoint).toList();
    }

    /** {@link #selectableEdges()} with each edge's admin URL. */
    public List<Edge> selectableEdgesWithAdmin() throws IOException, InterruptedException {
        JsonNode nodes = call("GET /api/admin/nodes", get("/api/admin/nodes"), 200).path("nodes");
        List<Edge> edges = new ArrayList<>();
        for (JsonNode n : nodes) {
            JsonNode info = n.path("info");
            if (n.path("selectable").asBoolean() && info.isObject()) {
                edges.add(new Edge(new EdgeEndpoint(new NodeId(n.path("nodeId").asText()), info.path("tcpHost").asText(),
                        info.path("tcpPort").asInt(), URI.create(info.path("wsUrl").asText())),
                        URI.create(info.path("adminUrl").asText())));
            }
        }
        edges.sort(Comparator.comparing(e -> e.endpoint().nodeId().value()));
        return edges;
    }

    /** {@code POST /api/admin/pushes}; anything but {@code 202} throws. */
    public Accepted push(String json) throws IOException, InterruptedException {
        HttpRequest request = request("/api/admin/pushes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        JsonNode reply = call("POST /api/admin/pushes", request, 202);
        long answered = System.nanoTime();
        return new Accepted(reply.path("taskId").asLong(), Long.parseLong(reply.path("msgId").asText()), answered);
    }

    public TaskCounts task(long taskId) throws IOException, InterruptedException {
        JsonNode c = call("GET /api/admin/pushes/" + taskId, get("/api/admin/pushes/" + taskId), 200).path("counts");
        return new TaskCounts(c.path("total").asLong(), c.path("routed").asLong(), c.path("written").asLong(),
                c.path("acked").asLong(), c.path("offline").asLong(), c.path("stored").asLong(),
                c.path("delivered").asLong(), c.path("expired").asLong());
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + adminKey).header("Accept", "application/json");
    }

    private JsonNode call(String what, HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AdminApiException(what, response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }
}
