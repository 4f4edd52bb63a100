package io.pushfleet.control.push;

import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What the push integration tests do as an operator (REST), as an edge (routes in Redis, reading command
 * streams, writing events) and as an auditor (counting rows in MariaDB). Node ids and user ids are fresh
 * per test because Redis and the database outlive test runs.
 */
final class PushFixtures {

    /** One of the keys of %test.push.admin.keys. */
    static final String KEY = "Bearer test-admin-key-0123456789";

    private final RedisDataSource redis;
    private final Redis batchRedis;
    private final DataSource dataSource;
    private final List<String> keysToDelete = new ArrayList<>();

    PushFixtures(RedisDataSource redis, Redis batchRedis, DataSource dataSource) {
        this.redis = redis;
        this.batchRedis = batchRedis;
        this.dataSource = dataSource;
    }

    // --- ids ------------------------------------------------------------------------------------------

    /** A node id no earlier run used; its stream is deleted by {@link #cleanUp()}. */
    NodeId node(String name) {
        NodeId node = new NodeId("it-" + name + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        keysToDelete.add(RedisKeys.nodeStream(node));
        return node;
    }

    /** The first of {@code count} consecutive user ids no earlier run used. */
    static long userBase(int count) {
        return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, Long.MAX_VALUE / 2 - count);
    }

    // --- REST -----------------------------------------------------------------------------------------

    static Response post(String json) {
        return given().header("Authorization", KEY).contentType(ContentType.JSON).body(json)
                .when().post("/api/admin/pushes");
    }

    /** Posts and expects 202; returns the answer. */
    static JsonPath accept(String json) {
        Response response = post(json);
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.asString());
        }
        return response.jsonPath();
    }

    static JsonPath task(long taskId) {
        return given().header("Authorization", KEY).when().get("/api/admin/pushes/" + taskId).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath awaitState(long taskId, String state) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> state.equals((last[0] = task(taskId)).getString("state")));
        return last[0];
    }

    static String userIds(long first, int count) {
        StringBuilder sb = new StringBuilder(count * 20).append('[');
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(first + i);
        }
        return sb.append(']').toString();
    }

    // --- Redis as an edge -----------------------------------------------------------------------------

    /** Writes a route for each user (device "d1") on the node, in pipelined batches. */
    void route(long firstUser, int count, NodeId node, int step) {
        List<Request> batch = new ArrayList<>();
        for (long u = firstUser; u < firstUser + (long) count * step; u += step) {
            String key = RedisKeys.route(new UserId(u));
            keysToDelete.add(key);
            batch.add(Request.cmd(Command.HSET).arg(key).arg("d1").arg(node.value() + ":1700000000000:" + u));
            if (batch.size() == 1000) {
                batchRedis.batch(batch).await().atMost(Duration.ofSeconds(10));
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batchRedis.batch(batch).await().atMost(Duration.ofSeconds(10));
        }
    }

    /** The push commands on a stream for one message id, oldest first. */
    List<PushCommand> commands(String stream, MessageId msgId) {
        List<PushCommand> commands = new ArrayList<>();
        for (StreamMessage<String, String, String> m : redis.stream(String.class, String.class, String.class)
                .xrange(stream, StreamRange.of("-", "+"))) {
            if (msgId.toString().equals(m.payload().get("msg"))) {
                commands.add(PushCommand.fromFields(m.payload()));
            }
        }
        return commands;
    }

    /** Appends an event as an edge does. */
    void emit(FleetEvent event) {
        redis.stream(String.class, String.class, String.class).xadd(RedisKeys.EVENTS_STREAM,
                new XAddArgs().maxlen(100_000L).nearlyExactTrimming(), event.toFields());
    }

    void cleanUp() {
        for (int i = 0; i < keysToDelete.size(); i += 1000) {
            redis.key().del(keysToDelete.subList(i, Math.min(i + 1000, keysToDelete.size())).toArray(String[]::new));
        }
        keysToDelete.clear();
    }

    // --- MariaDB as an auditor ------------------------------------------------------------------------

    /** Row counts of push_tasks, push_deliveries and offline_messages. */
    Map<String, Long> rowCounts() {
        return Map.of("push_tasks", count("SELECT COUNT(*) FROM push_tasks"),
                "push_deliveries", count("SELECT COUNT(*) FROM push_deliveries"),
                "offline_messages", count("SELECT COUNT(*) FROM offline_messages"));
    }

    long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a task and everything recorded for it, so big tests do not grow the test database run by run. */
    void deleteTask(long taskId, MessageId msgId) {
        execute("DELETE FROM push_deliveries WHERE task_id = ?", taskId);
        execute("DELETE FROM offline_messages WHERE msg_id = ?", msgId.value());
        execute("DELETE FROM push_tasks WHERE id = ?", taskId);
    }
}
