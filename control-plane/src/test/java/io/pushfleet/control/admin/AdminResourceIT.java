package io.pushfleet.control.admin;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import static io.pushfleet.control.support.TestNodes.node;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AdminResourceIT {

    /** One of the keys of %test.push.admin.keys. */
    private static final String KEY = "Bearer test-admin-key-second-one";

    /** Well above the Redis client's default pool of 6 connections plus 24 waiting requests. */
    private static final int CONCURRENT_REQUESTS = 150;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URL base;

    private TestRegistry registry;
    private final UserId user = new UserId(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE));

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(redis);
        registry.clear();
    }

    @AfterEach
    void tearDown() {
        redis.key().del(RedisKeys.route(user));
    }

    private static Response get(String path, String authorization) {
        var request = given().urlEncodingEnabled(false);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().get(path);
    }

    // Every declared admin route is covered by AdminRoutesIT; this is the path no route declares.
    @Test
    void refusesAnUnknownAdminPathWithoutTheRightKeyWith401NotA404() {
        for (String authorization : new String[] {null, "Bearer wrong-key-0123456789", "Basic dGVzdDp0ZXN0"}) {
            Response response = get("/api/admin/unknown", authorization);

            assertThat(response.statusCode()).as("with %s", authorization).isEqualTo(401);
            assertThat(response.jsonPath().getString("code")).isEqualTo("unauthorized");
        }
    }

    @ParameterizedTest
    // "/api//admin/nodes" is covered by AdminAuthFilterTest: REST Assured collapses the double slash.
    @ValueSource(strings = {"/api/./admin/nodes", "/api/x/../admin/nodes", "/api/%61dmin/nodes",
            "/api/admin;v=1/nodes"})
    void refusesOtherSpellingsOfAnAdminPathWithoutTheKey(String path) {
        assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/nodes", "/api/admin/online", "/api/admin/users/1/presence"})
    void servesEveryAdminRouteWithAnyConfiguredKey(String path) {
        assertThat(get(path, KEY).statusCode()).isEqualTo(200);
        assertThat(get(path, "Bearer test-admin-key-0123456789").statusCode()).isEqualTo(200);
    }

    @Test
    void listsEveryRegisteredNodeWithStateLivenessAndMetrics() {
        Instant now = Instant.now();
        registry.report(node("edge-up", NodeState.UP, 12, now), now);
        registry.report(node("edge-draining", NodeState.DRAINING, 3, now), now);
        registry.report(node("edge-stale", NodeState.UP, 1, now), now.minusSeconds(60));

        JsonPath body = get("/api/admin/nodes", KEY).jsonPath();

        assertThat(body.getList("nodes.nodeId")).containsExactly("edge-draining", "edge-stale", "edge-up");
        assertThat(body.getList("nodes.state")).containsExactly("DRAINING", "UP", "UP");
        assertThat(body.getList("nodes.live")).containsExactly(true, false, true);
        assertThat(body.getList("nodes.selectable")).containsExactly(false, false, true);
        assertThat(body.getLong("nodes[2].info.connections")).isEqualTo(12);
        assertThat(body.getLong("nodes[2].info.capacity")).isEqualTo(10_000);
    }

    @Test
    void sumsReportedConnectionsAndRouteSetsWithTheDriftPerNode() {
        Instant now = Instant.now();
        registry.report(node("edge-a", NodeState.UP, 3, now), now);
        registry.report(node("edge-b", NodeState.UP, 4, now), now);
        registry.connections(new NodeId("edge-a"), 2);
        registry.connections(new NodeId("edge-b"), 4);

        JsonPath body = get("/api/admin/online", KEY).jsonPath();

        assertThat(body.getLong("total")).isEqualTo(7);
        assertThat(body.getLong("routeTableTotal")).isEqualTo(6);
        assertThat(body.getList("nodes.nodeId")).containsExactly("edge-a", "edge-b");
        assertThat(body.getList("nodes.connections", Long.class)).containsExactly(3L, 4L);
        assertThat(body.getList("nodes.routes", Long.class)).containsExactly(2L, 4L);
        assertThat(body.getList("nodes.drift", Long.class)).containsExactly(1L, 0L);
    }

    @Test
    void showsAUserOfflineUntilARouteIsWrittenForIt() {
        JsonPath before = get("/api/admin/users/" + user.value() + "/presence", KEY).jsonPath();
        redis.hash(String.class).hset(RedisKeys.route(user),
                Map.of("phone", "edge-a:1700000000000:17", "laptop", "edge-b:1700000000001:4"));
        JsonPath after = get("/api/admin/users/" + user.value() + "/presence", KEY).jsonPath();

        assertThat(before.getBoolean("online")).isFalse();
        assertThat(before.getList("devices")).isEmpty();
        assertThat(after.getLong("userId")).isEqualTo(user.value());
        assertThat(after.getBoolean("online")).isTrue();
        assertThat(after.getList("devices.deviceId")).containsExactly("laptop", "phone");
        assertThat(after.getList("devices.nodeId")).containsExactly("edge-b", "edge-a");
        assertThat(after.getList("devices.bootEpoch", Long.class)).containsExactly(1700000000001L, 1700000000000L);
        assertThat(after.getList("devices.connId", Long.class)).containsExactly(4L, 17L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "99999999999999999999"})
    void refusesAPresenceQueryForAnInvalidUserIdWith400(String userId) {
        Response response = get("/api/admin/users/" + userId + "/presence", KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_user_id");
    }

    /**
     * More requests at once than the Redis client's default pool (6 connections, 24 waiting) holds: the logins of
     * a drained edge's clients come like this, and each used to risk a 500 when the wait queue was full.
     */
    @Test
    void answersEveryOneOfManyConcurrentRequestsThatReadRedis() throws Exception {
        Instant now = Instant.now();
        registry.report(node("edge-up", NodeState.UP, 12, now), now);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/admin/nodes"))
                .header("Authorization", KEY).build();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS).statusCode());
        }
        assertThat(statuses).containsOnly(200);
    }
}
