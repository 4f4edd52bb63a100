package io.pushfleet.control.audit;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.TestNodes;
import io.pushfleet.control.support.TestRegistry;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The route auditor against real Redis and MariaDB: the test plays the edges (registry reports, connection sets,
 * routes) and runs passes itself ({@code push.audit.enabled} is off in tests), then checks Redis, the delivery
 * records and {@code GET /api/admin/online}.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class RouteAuditIT {

    private static final String KEY = "Bearer test-admin-key-0123456789";
    private static final long OLD_RUN = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
    private static final DeviceId PHONE = new DeviceId("phone");

    @Inject
    RedisDataSource redis;
    @Inject
    AuditScheduler scheduler;
    @Inject
    Redis batchRedis;

    private TestRegistry registry;
    private final List<String> keys = new ArrayList<>();

    @BeforeEach
    void setUp() {
        registry = new TestRegistry(redis);
        registry.clear();
        redis.key().del(RedisKeys.KNOWN_NODES, RedisKeys.AUDIT_LOCK, RedisKeys.AUDIT_REPORT);
    }

    @AfterEach
    void tearDown() {
        scheduler.auditor().stop();
        keys.add(RedisKeys.AUDIT_REPORT);
        keys.add(RedisKeys.KNOWN_NODES);
        redis.key().del(keys.toArray(String[]::new));
        registry.clear();
    }

    private NodeId node(String name) {
        NodeId node = new NodeId("it-" + name + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        keys.add(RedisKeys.nodeConnections(node));
        keys.add(RedisKeys.nodeStream(node));
        redis.set(String.class).sadd(RedisKeys.KNOWN_NODES, node.value());
        return node;
    }

    private static UserId user() {
        return new UserId(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, Long.MAX_VALUE / 2));
    }

    /** What an edge does on connect: the set member first, then the route. */
    private NodeConnection connect(NodeId node, long bootEpoch, UserId user, long connId) {
        NodeConnection c = new NodeConnection(user, PHONE, bootEpoch, connId);
        keys.add(RedisKeys.route(user));
        redis.set(String.class).sadd(RedisKeys.nodeConnections(node), c.format());
        redis.hash(String.class).hset(RedisKeys.route(user), PHONE.value(), c.routeOn(node).format());
        return c;
    }

    private void report(NodeId node, long bootEpoch, long connections) {
        Instant now = Instant.now();
        registry.report(TestNodes.run(node.value(), bootEpoch, NodeState.UP, connections, now), now);
    }

    private String route(UserId user) {
        return redis.hash(String.class).hget(RedisKeys.route(user), PHONE.value());
    }

    private static JsonPath online() {
        return given().header("Authorization", KEY).when().get("/api/admin/online").then().statusCode(200)
                .extract().jsonPath();
    }

    private AuditReport pass() {
        return scheduler.auditor().runPass().orElseThrow();
    }

    @Test
    void removesACrashedNodesRoutesFencedByItsEpochAndKeepsARouteMadeAgainElsewhere() {
        NodeId dead = node("dead");
        NodeId live = node("live");
        long liveRun = Instant.now().minusSeconds(60).toEpochMilli();
        UserId gone = user();
        UserId moved = user();
        connect(dead, OLD_RUN, gone, 1);
        connect(dead, OLD_RUN, moved, 2);
        NodeConnection remade = connect(live, liveRun, moved, 7);
        report(live, liveRun, 1);

        pass();

        assertThat(route(gone)).isNull();
        assertThat(route(moved)).isEqualTo(remade.routeOn(live).format());
        assertThat(redis.key().exists(RedisKeys.nodeConnections(dead))).isFalse();
        JsonPath body = online();
        assertThat(body.getLong("driftTotal")).isZero();
        assertThat(body.getLong("auditedAt")).isPositive();
        assertThat(body.getList("nodes.nodeId")).as("in node id order").containsExactly(dead.value(), live.value());
        assertThat(body.getList("nodes.routeTable", Long.class)).containsExactly(0L, 1L);
        assertThat(body.getList("nodes.drift", Long.class)).containsExactly(0L, 0L);

        pass();

        assertThat(redis.set(String.class).smembers(RedisKeys.KNOWN_NODES)).containsExactly(live.value());
        assertThat(online().getList("nodes.nodeId")).containsExactly(live.value());
    }

    @Test
    void reportsAStaleMemberAsDriftAndRemovesItWhenTheNextPassFindsItStaleToo() {
        NodeId live = node("live");
        long run = Instant.now().minusSeconds(60).toEpochMilli();
        report(live, run, 1);
        connect(live, run, user(), 1);
        NodeConnection stale = new NodeConnection(user(), PHONE, run, 2);
        redis.set(String.class).sadd(RedisKeys.nodeConnections(live), stale.format());

        pass();
        JsonPath first = online();
        report(live, run, 1);
        pass();

        assertThat(first.getList("nodes.stale", Long.class)).containsExactly(1L);
        assertThat(first.getList("nodes.routes", Long.class)).containsExactly(2L);
        assertThat(first.getList("nodes.routeTable", Long.class)).containsExactly(1L);
        assertThat(first.getLong("driftTotal")).isEqualTo(1);
        assertThat(redis.set(String.class).smembers(RedisKeys.nodeConnections(live))).doesNotContain(stale.format());
        // As an edge does every few seconds: a slow first HTTP call on a busy machine must not let the report age.
        report(live, run, 1);
        pass();
        assertThat(online().getLong("driftTotal")).isZero();
    }

    @Test
    void letsOneControlPlaneHoldTheLeaseAndNeverReleasesAnothersLease() {
        RedisLeaseLock a = new RedisLeaseLock(redis, RedisKeys.AUDIT_LOCK, "cp-a", Duration.ofMillis(500));
        RedisLeaseLock b = new RedisLeaseLock(redis, RedisKeys.AUDIT_LOCK, "cp-b", Duration.ofMillis(500));

        assertThat(a.hold()).isTrue();
        assertThat(b.hold()).isFalse();
        assertThat(a.hold()).as("renewed").isTrue();
        b.release();
        assertThat(b.hold()).isFalse();
        a.release();
        assertThat(b.hold()).isTrue();
        assertThat(a.hold()).isFalse();
        assertThat(scheduler.auditor().runPass()).as("this process's auditor while cp-b holds the lease").isEmpty();

        // cp-b stops renewing, as if it crashed: its lease runs out and cp-a takes over.
        await().atMost(Duration.ofSeconds(10)).until(a::hold);
        assertThat(b.hold()).isFalse();
        a.release();
    }

    @Test
    void storesThePushesRoutedToADeadRunAndReplaysThemWhereTheUserIsNowConnected() {
        NodeId restarted = node("restarted");
        NodeId other = node("other");
        UserId reconnected = user();
        UserId away = user();
        connect(restarted, OLD_RUN, reconnected, 1);
        connect(restarted, OLD_RUN, away, 2);
        long taskId = accept("{\"userIds\":[" + reconnected.value() + "," + away.value() + "],\"body\":{\"n\":1}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "routed".equals(task(taskId).getString("state")));
        long newRun = Instant.now().toEpochMilli() + 1;
        // The node came back as a new run (which reads only newer entries); one user reconnected to another node.
        report(restarted, newRun, 0);
        long otherRun = Instant.now().minusSeconds(60).toEpochMilli();
        report(other, otherRun, 1);
        connect(other, otherRun, reconnected, 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().toEpochMilli() > newRun);

        pass();

        JsonPath counts = task(taskId);
        assertThat(counts.getLong("counts.stored")).isEqualTo(2);
        assertThat(counts.getLong("counts.routed")).isZero();
        assertThat(counts.getString("state")).isEqualTo("done");
        assertThat(redis.stream(String.class, String.class, String.class).xlen(RedisKeys.nodeStream(restarted))).isZero();
        List<PushCommand> replays = commands(RedisKeys.nodeStream(other), counts.getString("msgId"));
        assertThat(replays).hasSize(1);
        assertThat(replays.getFirst().targets()).containsExactly(reconnected);
        assertThat(route(away)).isNull();

        pass();
        assertThat(commands(RedisKeys.nodeStream(other), counts.getString("msgId"))).as("idempotent").hasSize(1);
    }

    @Test
    void measuresAPassOverAHundredThousandConnections() {
        NodeId live = node("big");
        long run = Instant.now().minusSeconds(60).toEpochMilli();
        int count = 100_000;
        long firstUser = ThreadLocalRandom.current().nextLong(1_000_000_000_000L, Long.MAX_VALUE / 2 - count);
        List<Request> batch = new ArrayList<>();
        for (long u = firstUser; u < firstUser + count; u++) {
            NodeConnection c = new NodeConnection(new UserId(u), PHONE, run, u);
            keys.add(RedisKeys.route(c.userId()));
            batch.add(Request.cmd(Command.SADD).arg(RedisKeys.nodeConnections(live)).arg(c.format()));
            batch.add(Request.cmd(Command.HSET).arg(RedisKeys.route(c.userId())).arg(PHONE.value()).arg(c.routeOn(live).format()));
            if (batch.size() == 2000) {
                batchRedis.batch(batch).await().atMost(Duration.ofSeconds(30));
                batch = new ArrayList<>();
            }
        }
        report(live, run, count);

        long started = System.nanoTime();
        AuditReport report = pass();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(report.nodes().getFirst().routes()).isEqualTo(count);
        System.out.printf("MEASURE audit pass over %d connections of one node: %d ms%n", count, millis);
        for (int i = 0; i < keys.size(); i += 1000) {
            redis.key().del(keys.subList(i, Math.min(i + 1000, keys.size())).toArray(String[]::new));
        }
        keys.clear();
    }

    private static long accept(String json) {
        return given().header("Authorization", KEY).contentType(ContentType.JSON).body(json)
                .when().post("/api/admin/pushes").then().statusCode(202).extract().jsonPath().getLong("taskId");
    }

    private static JsonPath task(long taskId) {
        return given().header("Authorization", KEY).when().get("/api/admin/pushes/" + taskId).then().statusCode(200)
                .extract().jsonPath();
    }

    private List<PushCommand> commands(String stream, String msgId) {
        List<PushCommand> found = new ArrayList<>();
        for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                .xrange(stream, StreamRange.of("-", "+"))) {
            if (msgId.equals(m.payload().get("msg"))) {
                found.add(PushCommand.fromFields(m.payload()));
            }
        }
        return found;
    }
}
