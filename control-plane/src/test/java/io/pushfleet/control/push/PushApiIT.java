package io.pushfleet.control.push;

import io.pushfleet.control.auth.TokenService;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.Tokens;
import io.pushfleet.control.support.Users;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.pushfleet.control.push.PushFixtures.accept;
import static io.pushfleet.control.push.PushFixtures.awaitState;
import static io.pushfleet.control.push.PushFixtures.post;
import static io.pushfleet.control.push.PushFixtures.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The push API's refusals and views, broadcast, groups, expiry and recovery of unrouted tasks. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class PushApiIT {

    @Inject
    RedisDataSource redis;
    @Inject
    Redis batchRedis;
    @Inject
    DataSource dataSource;
    @Inject
    TokenService tokens;
    @Inject
    PushDispatcher dispatcher;
    @Inject
    PushBackground background;
    @Inject
    ProcessIdentity identity;
    @Inject
    Transactions transactions;
    @Inject
    DeliveryRepository deliveries;

    private PushFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new PushFixtures(redis, batchRedis, dataSource);
    }

    @AfterEach
    void tearDown() {
        fx.cleanUp();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"body\": 1}                                           | 400 | invalid_target",
            "{\"userIds\": [1], \"group\": 7001, \"body\": 1}        | 400 | invalid_target",
            "{\"userIds\": [], \"body\": 1}                          | 400 | invalid_target",
            "{\"userIds\": [1, -2], \"body\": 1}                     | 400 | invalid_target",
            "{\"userIds\": [\"x\"], \"body\": 1}                     | 400 | invalid_target",
            "{\"all\": false, \"body\": 1}                           | 400 | invalid_target",
            "{\"userIds\": [1]}                                      | 400 | invalid_body",
            "{\"userIds\": [1], \"body\": null}                      | 400 | invalid_body",
            "{\"userIds\": [1], \"body\": 1, \"ttlSeconds\": 0}      | 400 | invalid_ttl",
            "{\"userIds\": [1], \"body\": 1, \"ttlSeconds\": 604801} | 400 | invalid_ttl",
            "{\"userIds\": [1], \"body\": 1, \"needsAck\": 1}        | 400 | invalid_request",
            "{\"userIds\": [1], \"body\":                             | 400 | malformed_json",
            "{\"group\": 999999999, \"body\": 1}                     | 404 | unknown_group",
            "BIG                                                     | 413 | body_too_large"})
    void refusesWithAStableCodeAndStoresNothing(String json, int status, String code) {
        String request = json.equals("BIG") ? "{\"all\": true, \"body\": \"" + "x".repeat(65_536) + "\"}" : json;
        Map<String, Long> before = fx.rowCounts();

        Response response = post(request);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("traceId")).isEqualTo(response.header("X-Trace-Id"));
        assertThat(fx.rowCounts()).isEqualTo(before);
    }

    @Test
    void rollsBackEveryRowATransactionWroteWhenItFails() {
        long taskId = PushFixtures.userBase(1);
        List<UserId> users = List.of(new UserId(1), new UserId(2));

        assertThatThrownBy(() -> transactions.run(() -> {
            deliveries.insertMissing(taskId, users, DeliveryState.ROUTED, java.time.Instant.now());
            deliveries.insertMissing(taskId, users, DeliveryState.ROUTED, java.time.Instant.now());
            throw new IllegalStateException("fails after writing (test)");
        })).hasMessageContaining("fails after writing");

        assertThat(fx.count("SELECT COUNT(*) FROM push_deliveries WHERE task_id = ?", taskId)).isZero();
    }

    @Test
    void refusesAPushWithoutTheAdminKey() {
        Response response = given().contentType("application/json").body("{\"all\": true, \"body\": 1}")
                .when().post("/api/admin/pushes");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("code")).isEqualTo("unauthorized");
    }

    @Test
    void answersUnknownTaskForAMissingOrMalformedTaskId() {
        for (String id : new String[] {"999999999999", "abc", "0", "-1"}) {
            for (String path : new String[] {"/api/admin/pushes/" + id, "/api/admin/pushes/" + id + "/deliveries"}) {
                Response response = given().header("Authorization", PushFixtures.KEY).when().get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.jsonPath().getString("code")).isEqualTo("unknown_task");
            }
        }
    }

    @Test
    void showsEveryCountKeyWithZerosAndRefusesBadPagingParameters() {
        long user = PushFixtures.userBase(1);
        long taskId = accept("{\"userIds\": [" + user + "], \"body\": {}}").getLong("taskId");

        JsonPath view = awaitState(taskId, "done");

        assertThat(view.getMap("counts")).containsOnlyKeys("total", "routed", "written", "acked", "offline", "stored",
                "delivered", "expired");
        assertThat(view.getLong("counts.total")).isEqualTo(1);
        assertThat(view.getLong("counts.stored")).isEqualTo(1);
        assertThat(view.getString("target")).isEqualTo("users");
        assertThat(view.getString("createdAt")).isNotBlank();
        for (String query : new String[] {"state=nope", "limit=0", "limit=1001", "after=-1", "limit=x"}) {
            Response response = given().header("Authorization", PushFixtures.KEY)
                    .when().get("/api/admin/pushes/" + taskId + "/deliveries?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.jsonPath().getString("code")).isEqualTo("invalid_request");
        }
    }

    @Test
    void sendsABroadcastAsExactlyOneEntryAndCountsTheTargetsTheEdgesReport() {
        NodeId a = fx.node("bc-a");
        JsonPath accepted = accept("{\"all\": true, \"body\": {\"news\": 1}}");
        long taskId = accepted.getLong("taskId");
        MessageId msgId = MessageId.parse(accepted.getString("msgId"));

        awaitState(taskId, "done");
        List<PushCommand> entries = fx.commands(RedisKeys.BROADCAST_STREAM, msgId);
        assertThat(entries).singleElement().satisfies(c -> {
            assertThat(c.broadcast()).isTrue();
            assertThat(c.taskId()).isEqualTo(taskId);
        });

        // One node reports 2,500 written connections in one entry, twice; one of them acks.
        long base = PushFixtures.userBase(2500);
        List<UserId> users = java.util.stream.LongStream.range(base, base + 2500).mapToObj(UserId::new).toList();
        FleetEvent delivered = new FleetEvent.Delivered(a, msgId, taskId, users, List.of());
        fx.emit(delivered);
        fx.emit(new FleetEvent.Acked(a, List.of(new FleetEvent.UserMessage(users.get(1), msgId))));
        fx.emit(delivered);

        await().atMost(Duration.ofSeconds(20)).until(() -> task(taskId).getLong("counts.acked") == 1
                && task(taskId).getLong("counts.total") == 2500);
        JsonPath view = task(taskId);
        assertThat(view.getLong("counts.written")).isEqualTo(2499);
    }

    @Test
    void routesAGroupToItsMembersAsResolvedByTheGroupDirectory() {
        long owner = Users.registerId();
        long online = Users.registerId();
        long offline = Users.registerId();
        NodeId a = fx.node("grp");
        fx.route(online, 1, a, 1);
        long group = given().header("Authorization", Tokens.bearer(tokens, owner)).contentType(ContentType.JSON)
                .body(Map.of("name", "pushers", "members", List.of(online, offline, online)))
                .when().post("/api/groups").then().statusCode(201).extract().jsonPath().getLong("groupId");
        JsonPath accepted = accept("{\"group\": " + group + ", \"body\": \"to the group\"}");

        JsonPath view = awaitState(accepted.getLong("taskId"), "routed");

        assertThat(view.getString("target")).isEqualTo("group");
        assertThat(view.getLong("counts.total")).isEqualTo(3);
        assertThat(view.getLong("counts.routed")).isEqualTo(1);
        assertThat(view.getLong("counts.stored")).isEqualTo(2);
        assertThat(fx.commands(RedisKeys.nodeStream(a), MessageId.parse(accepted.getString("msgId"))))
                .singleElement().satisfies(c -> assertThat(c.targets()).containsExactly(new UserId(online)));
    }

    @Test
    void marksAnExpiredMessageExpiredAndNeverReplaysItWhileReplayingTheLiveOne() {
        UserId user = new UserId(PushFixtures.userBase(1));
        NodeId node = fx.node("exp");
        JsonPath old = accept("{\"userIds\": [" + user.value() + "], \"body\": \"old\", \"ttlSeconds\": 1}");
        JsonPath live = accept("{\"userIds\": [" + user.value() + "], \"body\": \"new\", \"ttlSeconds\": 3600}");
        long oldTask = old.getLong("taskId");
        awaitState(oldTask, "done");
        awaitState(live.getLong("taskId"), "done");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> background.expireDue() >= 0 && task(oldTask).getLong("counts.expired") == 1);
        fx.emit(new FleetEvent.Connected(node, user, new DeviceId("tablet"), 3));

        MessageId liveMsg = MessageId.parse(live.getString("msgId"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !fx.commands(RedisKeys.nodeStream(node), liveMsg).isEmpty());
        assertThat(fx.commands(RedisKeys.nodeStream(node), MessageId.parse(old.getString("msgId")))).isEmpty();
        assertThat(task(oldTask).getLong("counts.stored")).isZero();
    }

    @Test
    void routesATaskLeftAcceptedOrWithAnExpiredLeaseByACrashedControlPlane() {
        long base = PushFixtures.userBase(3);
        NodeId node = fx.node("rec");
        fx.route(base, 2, node, 1);
        byte[] ids = TargetList.of(new long[] {base, base + 1, base + 2}, 3).toBytes();
        MessageId accepted = identity.nextMessageId();
        MessageId abandoned = identity.nextMessageId();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String insert = "INSERT INTO push_tasks (msg_id, target_kind, target_count, target_ids, body, needs_ack,"
                + " ttl_seconds, trace_id, state, claimed_by, lease_until, created_at)"
                + " VALUES (?, 'users', 3, ?, '\"recovered\"', FALSE, 60, 'trace', ?, ?, ?, ?)";
        fx.execute(insert, accepted.value(), ids, "accepted", null, null, now);
        fx.execute(insert, abandoned.value(), ids, "routing", "cp-dead", now.minusMinutes(5), now);
        long acceptedTask = fx.count("SELECT id FROM push_tasks WHERE msg_id = ?", accepted.value());
        long abandonedTask = fx.count("SELECT id FROM push_tasks WHERE msg_id = ?", abandoned.value());

        dispatcher.recover();

        for (long taskId : new long[] {acceptedTask, abandonedTask}) {
            JsonPath view = awaitState(taskId, "routed");
            assertThat(view.getLong("counts.routed")).isEqualTo(2);
            assertThat(view.getLong("counts.stored")).isEqualTo(1);
        }
        assertThat(fx.commands(RedisKeys.nodeStream(node), accepted)).singleElement()
                .satisfies(c -> assertThat(c.targets()).containsExactly(new UserId(base), new UserId(base + 1)));
    }

    @Test
    void keepsTheSubSecondPartOfTaskTimesOnMariaDb() throws Exception {
        List<Integer> nanos = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long taskId = accept("{\"userIds\": [" + PushFixtures.userBase(1) + "], \"body\": 1}").getLong("taskId");
            try (var c = dataSource.getConnection();
                 var ps = c.prepareStatement("SELECT created_at FROM push_tasks WHERE id = ?")) {
                ps.setLong(1, taskId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    nanos.add(rs.getObject(1, LocalDateTime.class).getNano());
                }
            }
        }

        // Connector/J used to drop the fraction against MariaDB: five whole seconds in a row cannot be chance.
        assertThat(nanos).anyMatch(n -> n != 0);
    }
}
