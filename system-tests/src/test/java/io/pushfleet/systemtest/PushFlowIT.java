package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admin pushes end to end (DESIGN flows 5 and 6): the REST API accepts a task, the control plane routes
 * it through Redis streams to both edge processes, clients receive it over real connections, and the
 * per-target results the edges report add up in MySQL; offline targets get it when they connect.
 */
@ExtendWith(FleetExtension.class)
class PushFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Ids no registered user has: offline targets. */
    private static final long UNKNOWN_IDS_FROM = 8_000_000_000L;

    @Test
    void pushesToOneUserWhoAcksItAndADuplicateAckChangesNothing(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User alice = users.online("single");

            long taskId = push(fleet, "{\"userIds\":[" + alice.id() + "],\"body\":{\"text\":\"hello\"},\"needsAck\":true}");

            Frame.Push push = alice.inbox().awaitPush(WAIT);
            assertThat(push.body().json()).isEqualTo("{\"text\":\"hello\"}");
            assertThat(push.needsAck()).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(counts(fleet, taskId).path("acked").asLong()).isEqualTo(1));

            alice.connection().send(new Frame.Ack(push.msgId()));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                JsonNode counts = counts(fleet, taskId);
                assertThat(counts.path("total").asLong()).isEqualTo(1);
                assertThat(counts.path("acked").asLong()).isEqualTo(1);
            });
            assertNoMorePushes(alice);
        }
    }

    @Test
    void batchOfTenThousandReachesEveryOnlineTargetOnceAndTheOfflineOnesWhenTheyConnect(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            List<Users.User> online = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                online.add(users.online("batch"));
            }
            List<Users.User> offline = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                offline.add(users.registered("later"));
            }
            assertThat(online.stream().map(Users.User::node).collect(Collectors.toSet())).hasSize(2);
            Set<Long> targets = new HashSet<>();
            online.forEach(u -> targets.add(u.id().value()));
            offline.forEach(u -> targets.add(u.id().value()));
            for (long id = UNKNOWN_IDS_FROM + System.nanoTime() % 1_000_000; targets.size() < 10_000; id++) {
                targets.add(id);
            }

            long taskId = push(fleet, "{\"userIds\":" + targets + ",\"body\":{\"batch\":true},\"ttlSeconds\":600}");

            for (Users.User user : online) {
                assertThat(user.inbox().awaitPush(WAIT).body().json()).isEqualTo("{\"batch\":true}");
            }
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode counts = counts(fleet, taskId);
                assertThat(counts.path("total").asLong()).isEqualTo(10_000);
                assertThat(counts.path("written").asLong() + counts.path("acked").asLong()).isEqualTo(20);
                assertThat(counts.path("stored").asLong()).isEqualTo(9_980);
            });
            for (Users.User user : online) {
                assertNoMorePushes(user);
            }

            for (Users.User user : offline) {
                Users.User connected = users.connect(user);
                assertThat(connected.inbox().awaitPush(WAIT).body().json()).isEqualTo("{\"batch\":true}");
            }
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(counts(fleet, taskId).path("delivered").asLong()).isEqualTo(5));
        }
    }

    @Test
    void groupPushReachesEveryMember(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User owner = users.online("owner");
            Users.User a = users.online("member");
            Users.User b = users.online("member");
            long groupId = createGroup(fleet, owner, a.id(), b.id());

            long taskId = push(fleet, "{\"group\":" + groupId + ",\"body\":\"to the group\"}");

            for (Users.User user : List.of(owner, a, b)) {
                assertThat(user.inbox().awaitPush(WAIT).body().json()).isEqualTo("\"to the group\"");
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(counts(fleet, taskId).path("total").asLong()).isEqualTo(3));
        }
    }

    @Test
    void broadcastReachesEveryConnectedClientExactlyOnce(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            List<Users.User> online = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                online.add(users.online("everyone"));
            }

            push(fleet, "{\"all\":true,\"body\":{\"notice\":\"maintenance\"}}");

            for (Users.User user : online) {
                assertThat(user.inbox().awaitPush(WAIT).body().json()).isEqualTo("{\"notice\":\"maintenance\"}");
            }
            for (Users.User user : online) {
                assertNoMorePushes(user);
            }
        }
    }

    @Test
    void anExpiredMessageIsNeverDelivered(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User late = users.registered("late");
            long taskId = push(fleet, "{\"userIds\":[" + late.id() + "],\"body\":\"too late\",\"ttlSeconds\":1}");
            await().atMost(WAIT).untilAsserted(() -> assertThat(counts(fleet, taskId).path("stored").asLong()
                    + counts(fleet, taskId).path("expired").asLong()).isEqualTo(1));
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);

            Users.User connected = users.connect(late);

            assertNoMorePushes(connected);
            await().atMost(WAIT).untilAsserted(() -> assertThat(counts(fleet, taskId).path("expired").asLong()).isEqualTo(1));
        }
    }

    static long push(Fleet fleet, String json) {
        AdminApi.Reply reply = fleet.admin().post("/api/admin/pushes", json);
        assertThat(reply.status()).as("POST /api/admin/pushes: %s", reply.body()).isEqualTo(202);
        return reply.body().path("taskId").asLong();
    }

    static JsonNode counts(Fleet fleet, long taskId) {
        AdminApi.Reply reply = fleet.admin().get("/api/admin/pushes/" + taskId);
        assertThat(reply.status()).as("GET task %s: %s", taskId, reply.body()).isEqualTo(200);
        return reply.body().path("counts");
    }

    static long createGroup(Fleet fleet, Users.User owner, UserId... members) {
        String ids = java.util.Arrays.stream(members).map(UserId::toString).collect(Collectors.joining(","));
        AdminApi.Reply reply = fleet.asUser(owner.login().token())
                .post("/api/groups", "{\"name\":\"team\",\"members\":[" + ids + "]}");
        assertThat(reply.status()).as("POST /api/groups: %s", reply.body()).isEqualTo(201);
        return reply.body().path("groupId").asLong();
    }

    /** No further push arrives within two seconds: each target got exactly one. */
    static void assertNoMorePushes(Users.User user) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                user.inbox().snapshot().stream().noneMatch(Frame.Push.class::isInstance));
    }
}
