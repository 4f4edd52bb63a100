package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushfleet.model.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard cannot rot: every metric its PromQL reads is exposed by the real processes' {@code
 * /metrics} (the control plane and an edge) after a little traffic.
 */
@ExtendWith(FleetExtension.class)
class DashboardMetricsIT {

    static final Path DASHBOARD = Path.of("docker/grafana/pushfleet-dashboard.json");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyMetricTheDashboardReadsIsExposedByTheControlPlaneOrAnEdge(Fleet fleet) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(fleet.root().resolve(DASHBOARD).toFile());
        Set<String> read = new TreeSet<>();
        for (String expression : expressions(dashboard)) {
            read.addAll(PromQlNames.of(expression));
        }
        assertThat(read).as("metrics read by the dashboard").hasSizeGreaterThan(20);

        traffic(fleet);

        List<URI> scraped = new ArrayList<>();
        scraped.add(fleet.controlPlane().resolve("/metrics"));
        fleet.edges().forEach(edge -> scraped.add(edge.adminUrl("/metrics")));
        Set<String> exposed = new TreeSet<>();
        // Some meters appear only after their first event (an event type, a stream sample every 15 s), the
        // audit's per-node gauges after its first pass and the routing weights after the first refresh (both
        // within seconds). The drain, rate-limit and admin-refusal counters are registered at start.
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            exposed.clear();
            for (URI uri : scraped) {
                exposed.addAll(sampleNames(scrape(uri)));
            }
            Set<String> missing = new TreeSet<>(read);
            missing.removeAll(exposed);
            assertThat(missing).as("read by %s, exposed by no process", DASHBOARD).isEmpty();
        });
    }

    @Test
    void everyPanelQueriesTheDatasourceChosenInTheDashboard(Fleet fleet) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(fleet.root().resolve(DASHBOARD).toFile());

        assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource");
        List<JsonNode> panels = dashboard.path("panels").findParents("targets");
        assertThat(panels).isNotEmpty().allSatisfy(panel ->
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${datasource}"));
    }

    /** Two users online, a push they ack, and a login refused: enough for every lazily created meter. */
    private static void traffic(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User a = users.online("dash");
            Users.User b = users.online("dash");
            long taskId = PushFlowIT.push(fleet, "{\"userIds\":[" + a.id() + "," + b.id() + "],\"body\":\"hi\",\"needsAck\":true}");
            for (Users.User user : List.of(a, b)) {
                user.connection().send(new Frame.Ack(user.inbox().awaitPush(WAIT).msgId()));
            }
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(PushFlowIT.counts(fleet, taskId).path("acked").asLong()).isEqualTo(2));
        }
        fleet.admin().post("/api/auth/login", "{\"username\":\"nobody-here\",\"password\":\"wrong-password\",\"deviceId\":\"d\"}");
    }

    private static List<String> expressions(JsonNode dashboard) {
        List<String> expressions = new ArrayList<>();
        for (JsonNode expr : dashboard.path("panels").findValues("expr")) {
            expressions.add(expr.asText());
        }
        return expressions;
    }

    private String scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri.toString()).isEqualTo(200);
        return response.body();
    }

    /** The sample names of a Prometheus text exposition ({@code name{labels} value} lines). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
