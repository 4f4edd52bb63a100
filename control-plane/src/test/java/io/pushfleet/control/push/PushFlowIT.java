package io.pushfleet.control.push;

import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.pushfleet.control.push.PushFixtures.awaitState;
import static io.pushfleet.control.push.PushFixtures.post;
import static io.pushfleet.control.push.PushFixtures.task;
import static io.pushfleet.control.push.PushFixtures.userIds;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A push to many users end to end: routing, the edges' reports, a replay, and the figures for 100,000 ids. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class PushFlowIT {

    private static final Logger LOG = LoggerFactory.getLogger(PushFlowIT.class);

    @Inject
    RedisDataSource redis;
    @Inject
    Redis batchRedis;
    @Inject
    DataSource dataSource;

    private PushFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new PushFixtures(redis, batchRedis, dataSource);
    }

    @AfterEach
    void tearDown() {
        fx.cleanUp();
    }

    @Test
    void routesTenThousandUsersByNodeAndFollowsTheEdgesReportsToTheExactCounts() {
        long base = PushFixtures.userBase(10_000);
        NodeId a = fx.node("a");
        NodeId b = fx.node("b");
        fx.route(base, 3500, a, 2);        // even offsets 0..6998 on edge a
        fx.route(base + 1, 3500, b, 2);    // odd offsets 1..6999 on edge b; 7000..9999 have no route

        Response accepted = post("{\"userIds\": " + userIds(base, 10_000) + ", \"body\": {\"text\": \"hello\"},"
                + " \"needsAck\": true}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        long taskId = accepted.jsonPath().getLong("taskId");
        MessageId msgId = MessageId.parse(accepted.jsonPath().getString("msgId"));
        assertThat(accepted.jsonPath().getString("traceId")).isEqualTo(accepted.header("X-Trace-Id"));

        JsonPath routed = awaitState(taskId, "routed");
        assertThat(routed.getLong("counts.total")).isEqualTo(10_000);
        assertThat(routed.getLong("counts.routed")).isEqualTo(7000);
        assertThat(routed.getLong("counts.stored")).isEqualTo(3000);
        assertThat(fx.count("SELECT COUNT(*) FROM offline_messages WHERE msg_id = ?", msgId.value())).isEqualTo(3000);

        List<PushCommand> onA = fx.commands(RedisKeys.nodeStream(a), msgId);
        List<PushCommand> onB = fx.commands(RedisKeys.nodeStream(b), msgId);
        List<UserId> targets = new ArrayList<>();
        onA.forEach(c -> targets.addAll(c.targets()));
        onB.forEach(c -> targets.addAll(c.targets()));
        assertThat(targets).hasSize(7000).doesNotHaveDuplicates().allMatch(u -> u.value() - base < 7000);
        assertThat(onA).allSatisfy(c -> assertThat(c.targets()).allMatch(u -> (u.value() - base) % 2 == 0));
        assertThat(onB).allSatisfy(c -> assertThat(c.targets()).allMatch(u -> (u.value() - base) % 2 == 1));
        // Seven chunks of 1,000 have routes, half of each on either node; the last three are all offline.
        assertThat(onA).hasSize(7);
        assertThat(onB).hasSize(7);
        assertThat(onA).allSatisfy(c -> {
            assertThat(c.targets()).hasSize(500);
            assertThat(c.taskId()).isEqualTo(taskId);
            assertThat(c.needsAck()).isTrue();
            assertThat(c.report()).isTrue();
            assertThat(c.body().json()).isEqualTo("{\"text\":\"hello\"}");
            assertThat(c.traceId()).isEqualTo(accepted.jsonPath().getString("traceId"));
        });

        // The edges report: on edge a, the first 100 targets of the first entry had gone; on edge b the
        // 500 targets of the first entry ack. Then a report and the acks arrive a second time, the report
        // after the acks it precedes, as a redelivery would bring them.
        List<UserId> absent = onA.getFirst().targets().subList(0, 100);
        List<FleetEvent.Delivered> reports = new ArrayList<>();
        for (PushCommand c : onA) {
            List<UserId> written = new ArrayList<>(c.targets());
            written.removeAll(absent);
            reports.add(new FleetEvent.Delivered(a, msgId, taskId, written, c == onA.getFirst() ? absent : List.of()));
        }
        onB.forEach(c -> reports.add(new FleetEvent.Delivered(b, msgId, taskId, c.targets(), List.of())));
        reports.forEach(fx::emit);
        FleetEvent.Acked acked = new FleetEvent.Acked(b, onB.getFirst().targets().stream()
                .map(u -> new FleetEvent.UserMessage(u, msgId)).toList());
        fx.emit(acked);
        fx.emit(acked);
        fx.emit(reports.get(onA.size()));  // edge b's first report, whose targets acked since
        fx.emit(reports.getFirst());       // edge a's report with the absent targets

        // Then a user who was never routed connects on edge b. Events are handled in stream order, so once
        // its replay is out, every report and ack above has been applied, duplicates included.
        UserId late = new UserId(base + 9999);
        NodeId lateNode = b;
        fx.emit(new FleetEvent.Connected(lateNode, late, new DeviceId("phone"), 42));
        await().atMost(Duration.ofSeconds(30)).until(() -> fx.commands(RedisKeys.nodeStream(lateNode), msgId).stream()
                .anyMatch(c -> c.targets().equals(List.of(late))));

        JsonPath done = task(taskId);
        assertThat(done.getString("state")).isEqualTo("done");
        assertThat(done.getLong("counts.total")).isEqualTo(10_000);
        assertThat(done.getLong("counts.routed")).isZero();
        assertThat(done.getLong("counts.written")).isEqualTo(6400);
        assertThat(done.getLong("counts.acked")).isEqualTo(500);
        assertThat(done.getLong("counts.stored")).isEqualTo(3100);
        assertThat(done.getLong("counts.offline")).isZero();
        assertThat(done.getLong("counts.delivered")).isZero();
        assertThat(done.getLong("counts.expired")).isZero();
        assertThat(fx.count("SELECT COUNT(*) FROM offline_messages WHERE msg_id = ?", msgId.value())).isEqualTo(3100);

        // The replay is reported written: the target and its offline copy are delivered.
        PushCommand replay = fx.commands(RedisKeys.nodeStream(lateNode), msgId).getLast();
        assertThat(replay.taskId()).isEqualTo(taskId);
        assertThat(replay.report()).isTrue();
        assertThat(replay.body().json()).isEqualTo("{\"text\":\"hello\"}");
        fx.emit(new FleetEvent.Delivered(lateNode, msgId, taskId, List.of(late), List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> task(taskId).getLong("counts.delivered") == 1);
        assertThat(fx.count("SELECT state FROM offline_messages WHERE msg_id = ? AND user_id = ?", msgId.value(),
                late.value())).isEqualTo(DeliveryState.DELIVERED.code());
        JsonPath mine = given().header("Authorization", PushFixtures.KEY)
                .when().get("/api/admin/users/" + late.value() + "/deliveries").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("deliveries.taskId", Long.class)).containsExactly(taskId);
        assertThat(mine.getList("deliveries.state")).containsExactly("delivered");
        assertThat(mine.getList("deliveries.msgId")).containsExactly(msgId.toString());

        // Every stored target, page by page in user-id order.
        assertThat(storedPages(taskId)).hasSize(3099).isSorted().doesNotHaveDuplicates();
        fx.deleteTask(taskId, msgId);
    }

    /**
     * Prints (does not assert) how long the 202 and the routing of 100,000 ids take. Posted with the JDK's
     * HTTP client: REST Assured adds a few hundred milliseconds of its own to a 2 MB body. The first post
     * of a fresh JVM pays for class loading and JIT; the second is what a running service sees.
     */
    @Test
    void measuresTheAcceptAndRoutingOfAHundredThousandIds() {
        long base = PushFixtures.userBase(100_000);
        NodeId a = fx.node("ma");
        NodeId b = fx.node("mb");
        fx.route(base, 25_000, a, 2);
        fx.route(base + 1, 25_000, b, 2);  // 50,000 online on two nodes, 50,000 offline
        String json = "{\"userIds\": " + userIds(base, 100_000) + ", \"body\": {\"text\": \"measure\"}}";

        for (String run : new String[] {"first", "second"}) {
            long start = System.nanoTime();
            JsonPath accepted = new JsonPath(rawPost(json));
            long acceptedAt = System.nanoTime();
            long taskId = accepted.getLong("taskId");
            JsonPath routed = awaitState(taskId, "routed");
            long routedAt = System.nanoTime();

            LOG.info("MEASURE {} push of 100,000 ids ({} KB request; 50,000 routed on 2 nodes, 50,000 stored):"
                            + " 202 after {} ms, routed {} ms later", run, json.length() / 1024,
                    (acceptedAt - start) / 1_000_000, (routedAt - acceptedAt) / 1_000_000);
            assertThat(routed.getLong("counts.routed")).isEqualTo(50_000);
            assertThat(routed.getLong("counts.stored")).isEqualTo(50_000);
            fx.deleteTask(taskId, MessageId.parse(accepted.getString("msgId")));
        }
    }

    @TestHTTPResource("/api/admin/pushes")
    URI pushesUri;

    private String rawPost(String json) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(pushesUri)
                            .header("Authorization", PushFixtures.KEY).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> storedPages(long taskId) {
        List<Long> users = new ArrayList<>();
        Set<Object> afters = new HashSet<>();
        String after = "0";
        while (after != null) {
            assertThat(afters.add(after)).as("page after %s asked twice", after).isTrue();
            JsonPath page = given().header("Authorization", PushFixtures.KEY)
                    .queryParam("state", "stored").queryParam("after", after).queryParam("limit", 1000)
                    .when().get("/api/admin/pushes/" + taskId + "/deliveries").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("deliveries")).hasSizeLessThanOrEqualTo(1000);
            assertThat(page.getList("deliveries.state")).containsOnly("stored");
            users.addAll(page.getList("deliveries.userId", Long.class));
            after = page.getString("next");
        }
        return users;
    }
}
