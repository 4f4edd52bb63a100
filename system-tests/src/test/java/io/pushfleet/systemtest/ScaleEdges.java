package io.pushfleet.systemtest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three edge processes of their own for the fleet-scale tests, with a heartbeat that thousands of sessions on one
 * loaded machine can keep (the fleet's two edges evict after 2 s of silence, which a busy box breaks for thousands
 * of clients at once). New logins go to these three: the weighted strategy gives each of them 10,000 and the
 * fleet's own edges weigh 1 (unlisted), so the fleet's edges stay available, nearly unused, to the clients that
 * move. Closing restores the fleet's round-robin and stops the three.
 */
final class ScaleEdges implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final int WEIGHT = 10_000;

    private final Fleet fleet;
    private final List<Fleet.Edge> edges = new ArrayList<>();

    private ScaleEdges(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Starts edges {@code prefix-1..3}; {@code lastEnv} adds settings of the third (the one a test drains or kills). */
    static ScaleEdges start(Fleet fleet, String prefix, Map<String, String> lastEnv) throws IOException {
        ScaleEdges scale = new ScaleEdges(fleet);
        try {
            for (int i = 1; i <= 3; i++) {
                Map<String, String> env = new HashMap<>(Map.of(
                        "EDGE_HEARTBEAT_INTERVAL", HEARTBEAT.toString(),
                        "EDGE_HEARTBEAT_MISSES", "3"));
                if (i == 3) {
                    env.putAll(lastEnv);
                }
                scale.edges.add(fleet.startSpareEdge(prefix + "-" + i, env));
            }
            String weights = scale.edges.stream().map(e -> "\"" + e.nodeId() + "\":" + WEIGHT)
                    .collect(Collectors.joining(",", "{", "}"));
            AdminApi.Reply reply = fleet.admin().put("/api/admin/routing",
                    "{\"strategy\":\"weighted\",\"weights\":" + weights + "}");
            assertThat(reply.status()).as("PUT /api/admin/routing: %s", reply.body()).isEqualTo(200);
        } catch (IOException | RuntimeException | Error e) {
            scale.close();
            throw e;
        }
        return scale;
    }

    List<Fleet.Edge> edges() {
        return List.copyOf(edges);
    }

    /** The third edge: the one the test drains or kills. */
    Fleet.Edge last() {
        return edges.getLast();
    }

    @Override
    public void close() {
        fleet.admin().put("/api/admin/routing", "{\"strategy\":\"round-robin\"}");
        for (Fleet.Edge edge : edges) {
            try {
                edge.process().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
