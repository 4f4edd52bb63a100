package io.pushfleet.control.routing;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.pushfleet.control.support.TestNodes.node;
import static io.pushfleet.control.support.TestNodes.up;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /api/admin/routing} and the weights in {@code /api/admin/nodes}, against the real Redis (DESIGN 3.9). */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class RoutingAdminIT {

    private static final String KEY = "Bearer test-admin-key-0123456789";

    @Inject
    RedisDataSource redis;

    @Inject
    RoutingSettings settings;

    @Inject
    RoutingRefresh refresh;

    @Inject
    AutoWeights autoWeights;

    private TestRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(redis);
        registry.clear();
        redis.key().del(RedisKeys.ROUTING_SETTING);
        settings.refresh();
    }

    @AfterEach
    void tearDown() {
        // Other test classes share this Redis and this application: leave the configured strategy behind.
        redis.key().del(RedisKeys.ROUTING_SETTING);
        settings.refresh();
    }

    private static Response put(String body) {
        return given().header("Authorization", KEY).contentType(ContentType.JSON).body(body)
                .when().put("/api/admin/routing");
    }

    private static JsonPath get(String path) {
        Response response = given().header("Authorization", KEY).when().get(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    /** A second control plane: its own settings over the same Redis key. */
    private RoutingSettings secondControlPlane() {
        return new RoutingSettings(new RedisRoutingSettingRepository(redis, Clock.systemUTC()),
                new RoutingSetting(SelectionStrategy.AUTO, NodeWeights.none(), 0), autoWeights);
    }

    @Test
    void answersTheConfiguredAutoStrategyWhileNothingIsStored() {
        JsonPath body = get("/api/admin/routing");

        assertThat(body.getString("strategy")).isEqualTo("auto");
        assertThat(body.getLong("version")).isZero();
        assertThat(body.getString("source")).isEqualTo("config");
        assertThat(body.getMap("weights")).isNull();
    }

    @Test
    void storesAWeightedSettingInRedisForEveryControlPlane() {
        RoutingSettings second = secondControlPlane();

        Response response = put("{\"strategy\":\"weighted\",\"weights\":{\"edge-a\":3,\"edge-b\":1}}");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getString("strategy")).isEqualTo("weighted");
        assertThat(body.getMap("weights")).containsExactly(Map.entry("edge-a", 3), Map.entry("edge-b", 1));
        assertThat(body.getLong("version")).isPositive();
        assertThat(body.getString("source")).isEqualTo("redis");
        assertThat(get("/api/admin/routing").getLong("version")).isEqualTo(body.getLong("version"));
        assertThat(redis.hash(String.class).hgetall(RedisKeys.ROUTING_SETTING))
                .containsEntry("strategy", "weighted").containsEntry("weights", "edge-a=3,edge-b=1")
                .containsEntry("version", Long.toString(body.getLong("version")));

        second.refresh();

        assertThat(second.current().strategy()).isEqualTo(SelectionStrategy.WEIGHTED);
        assertThat(second.current().version()).isEqualTo(body.getLong("version"));
        assertThat(second.current().weights().toText()).isEqualTo("edge-a=3,edge-b=1");
    }

    @Test
    void picksUpAChangeMadeThroughAnotherControlPlaneWithinThePollInterval() {
        RoutingSetting written = secondControlPlane().change(SelectionStrategy.ROUND_ROBIN, NodeWeights.none());

        // push.routing.setting-poll is 1s: this control plane follows within about that.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath body = get("/api/admin/routing");
            assertThat(body.getString("strategy")).isEqualTo("round-robin");
            assertThat(body.getLong("version")).isEqualTo(written.version());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"strategy\":\"fastest\"}",
            "{\"weights\":{\"edge-a\":1}}",
            "{\"strategy\":\"weighted\"}",
            "{\"strategy\":\"weighted\",\"weights\":{\"edge-a\":0}}",
            "{\"strategy\":\"weighted\",\"weights\":{\"edge-a\":-1}}",
            "{\"strategy\":\"weighted\",\"weights\":{\"edge-a\":2.5}}",
            "{\"strategy\":\"weighted\",\"weights\":{\"edge-a\":10001}}",
            "{\"strategy\":\"weighted\",\"weights\":{\"bad id!\":1}}",
            "{\"strategy\":\"auto\",\"extra\":true}",
            "{\"strategy\":\"auto\",\"weights\":{\"edge-a\":1}}",
            "[\"auto\"]"})
    void refusesABadSettingWith400AndChangesNothing(String body) {
        long before = get("/api/admin/routing").getLong("version");

        Response response = put(body);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_routing");
        assertThat(response.jsonPath().getString("message")).isNotBlank();
        assertThat(response.jsonPath().getString("traceId")).isNotBlank();
        assertThat(get("/api/admin/routing").getLong("version")).isEqualTo(before);
    }

    @Test
    void refusesTooManyWeightsMalformedJsonAndAMissingKey() {
        StringBuilder many = new StringBuilder("{\"strategy\":\"weighted\",\"weights\":{\"n0\":1");
        for (int i = 1; i <= NodeWeights.MAX_ENTRIES; i++) {
            many.append(",\"n").append(i).append("\":1");
        }

        assertThat(put(many + "}}").jsonPath().getString("code")).isEqualTo("invalid_routing");
        assertThat(put("{\"strategy\":").jsonPath().getString("code")).isEqualTo("malformed_json");
        Response unauthorized = given().contentType(ContentType.JSON).body("{\"strategy\":\"random\"}")
                .when().put("/api/admin/routing");
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(get("/api/admin/routing").getString("strategy")).isEqualTo("auto");
    }

    @Test
    void showsEachNodesCurrentWeightForTheStrategyInForce() {
        Instant now = Instant.now();
        registry.report(up("rt-a", now), now);
        registry.report(node("rt-full", NodeState.UP, 10_000, now), now);
        registry.report(node("rt-draining", NodeState.DRAINING, 0, now), now);
        refresh.refresh();

        // auto: TestNodes report 25% CPU and a quarter of the heap used, so 75; full and draining weigh 0.
        JsonPath auto = get("/api/admin/nodes");
        assertThat(auto.getString("strategy")).isEqualTo("auto");
        assertThat(auto.getList("nodes.nodeId")).containsExactly("rt-a", "rt-draining", "rt-full");
        assertThat(auto.getList("nodes.weight", Integer.class)).containsExactly(75, 0, 0);

        put("{\"strategy\":\"weighted\",\"weights\":{\"rt-a\":3}}");
        JsonPath weighted = get("/api/admin/nodes");
        assertThat(weighted.getString("strategy")).isEqualTo("weighted");
        assertThat(weighted.getList("nodes.weight", Integer.class)).containsExactly(3, 0, 1);

        put("{\"strategy\":\"round-robin\"}");
        JsonPath roundRobin = get("/api/admin/nodes");
        assertThat(roundRobin.getList("nodes.weight")).containsExactly(null, null, null);
    }
}
