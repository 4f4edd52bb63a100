package io.pushfleet.control.admin;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.pushfleet.control.support.TestNodes.node;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN 3.10: the drain endpoints against real Redis: the mark, the node's command stream, selection. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class NodeDrainIT {

    private static final String KEY = "Bearer test-admin-key-second-one";
    private static final NodeId NODE = new NodeId("edge-drain-it");

    @Inject
    RedisDataSource redis;

    private TestRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(redis);
        registry.clear();
        redis.key().del(RedisKeys.nodeStream(NODE));
    }

    @AfterEach
    void tearDown() {
        registry.clear();
        redis.key().del(RedisKeys.nodeStream(NODE));
    }

    private static Response post(String path) {
        return given().header("Authorization", KEY).when().post(path);
    }

    @Test
    void drainMarksTheNodeCommandsItAndTakesItOutOfSelectionAtOnce() {
        Instant now = Instant.now();
        registry.report(node(NODE.value(), NodeState.UP, 5, now), now);

        Response response = post("/api/admin/nodes/" + NODE.value() + "/drain");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonPath body = response.jsonPath();
        assertThat(body.getString("nodeId")).isEqualTo(NODE.value());
        assertThat(body.getBoolean("draining")).isTrue();
        assertThat(body.getString("reportedState")).isEqualTo("UP");
        assertThat(body.getBoolean("selectable")).isFalse();
        String since = redis.hash(String.class).hget(RedisKeys.DRAINING, NODE.value());
        assertThat(Instant.ofEpochMilli(Long.parseLong(since))).isEqualTo(Instant.parse(body.getString("drainedSince")));
        assertThat(commands()).containsExactly(NodeCommands.DRAIN);
        // The node still reports UP, yet it is not selectable any more.
        JsonPath nodes = given().header("Authorization", KEY).get("/api/admin/nodes").jsonPath();
        assertThat(nodes.getString("nodes[0].state")).isEqualTo("UP");
        assertThat(nodes.getBoolean("nodes[0].selectable")).isFalse();
        assertThat(nodes.getString("nodes[0].drainedSince")).isEqualTo(body.getString("drainedSince"));
    }

    @Test
    void drainAndUndrainAreIdempotent() {
        Instant now = Instant.now();
        registry.report(node(NODE.value(), NodeState.UP, 0, now), now);

        String firstSince = post("/api/admin/nodes/" + NODE.value() + "/drain").jsonPath().getString("drainedSince");
        Response again = post("/api/admin/nodes/" + NODE.value() + "/drain");
        Response undrained = post("/api/admin/nodes/" + NODE.value() + "/undrain");
        Response undrainedAgain = post("/api/admin/nodes/" + NODE.value() + "/undrain");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.jsonPath().getString("drainedSince")).isEqualTo(firstSince);
        assertThat(undrained.statusCode()).isEqualTo(200);
        assertThat(undrained.jsonPath().getBoolean("draining")).isFalse();
        assertThat(undrained.jsonPath().getBoolean("selectable")).isTrue();
        assertThat(undrainedAgain.statusCode()).isEqualTo(200);
        assertThat(redis.hash(String.class).hexists(RedisKeys.DRAINING, NODE.value())).isFalse();
        assertThat(commands()).containsExactly(NodeCommands.DRAIN, NodeCommands.DRAIN, NodeCommands.UNDRAIN,
                NodeCommands.UNDRAIN);
    }

    @Test
    void answersUnknownNodeForANodeThatIsNotReporting() {
        Instant now = Instant.now();
        registry.report(node("edge-stale", NodeState.UP, 0, now), now.minusSeconds(120));

        for (String path : List.of("/api/admin/nodes/edge-nobody/drain", "/api/admin/nodes/edge-stale/drain",
                "/api/admin/nodes/bad%3Aid/drain", "/api/admin/nodes/edge-nobody/undrain")) {
            Response response = post(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.jsonPath().getString("code")).as(path).isEqualTo("unknown_node");
        }
        assertThat(redis.hash(String.class).hgetall(RedisKeys.DRAINING)).isEmpty();
    }

    @Test
    void refusesTheDrainEndpointsWithoutTheAdminKey() {
        Response response = given().when().post("/api/admin/nodes/" + NODE.value() + "/drain");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(redis.hash(String.class).hexists(RedisKeys.DRAINING, NODE.value())).isFalse();
    }

    private List<String> commands() {
        return redis.stream(String.class).xrange(RedisKeys.nodeStream(NODE), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload).map(p -> p.get(NodeCommands.TYPE)).toList();
    }
}
