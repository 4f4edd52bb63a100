package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.model.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An edge killed with SIGKILL (DESIGN 3.4, issue 4): the route auditor removes its routes once its registry entry
 * expired, the push that was routed to it in the meantime is stored instead of hanging, its clients reconnect to
 * another edge and get that push and a later one, and the audit shows no drift afterwards.
 */
@ExtendWith(FleetExtension.class)
class EdgeCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aKilledEdgesRoutesGoItsPushesAreStoredAndItsClientsGetThemElsewhere(Fleet fleet) throws Exception {
        Fleet.Edge doomed = fleet.startSpareEdge("sys-edge-doomed");
        try (Users users = new Users(fleet)) {
            List<Users.User> stranded = List.of(users.onlineAt("stranded", doomed), users.onlineAt("stranded", doomed));
            Users.User elsewhere = users.onlineAt("elsewhere", fleet.edges().getFirst());
            String ids = "[" + stranded.get(0).id() + "," + stranded.get(1).id() + "]";

            doomed.process().kill();
            long killedAt = System.nanoTime();
            // Routed to the dead edge: its routes are still there until its registry entry expires.
            long routedToTheDead = PushFlowIT.push(fleet, "{\"userIds\":" + ids + ",\"body\":\"first\",\"ttlSeconds\":600}");

            for (Users.User user : stranded) {
                await("routes of " + user.id()).atMost(WAIT).until(() -> !presence(fleet, user).path("online").asBoolean());
            }
            System.out.printf("MEASURE routes of a killed edge gone %d ms after SIGKILL (registry TTL 15 s, audit every 1 s)%n",
                    Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
            await("stranded push stored").atMost(WAIT).untilAsserted(() -> {
                JsonNode counts = PushFlowIT.counts(fleet, routedToTheDead);
                assertThat(counts.path("stored").asLong()).isEqualTo(2);
                assertThat(counts.path("routed").asLong()).isZero();
            });
            long afterwards = PushFlowIT.push(fleet, "{\"userIds\":" + ids + ",\"body\":\"second\",\"ttlSeconds\":600}");
            await().atMost(WAIT).until(() -> PushFlowIT.counts(fleet, afterwards).path("stored").asLong() == 2);

            for (Users.User user : stranded) {
                Users.User back = users.connect(user);
                assertThat(back.node()).isNotEqualTo(doomed.nodeId());
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Frame.Push push = back.inbox().awaitPush(WAIT);
                    bodies.add(push.body().json());
                }
                assertThat(bodies).containsExactly("\"first\"", "\"second\"");
            }

            await("no drift").atMost(WAIT).untilAsserted(() -> {
                JsonNode online = fleet.admin().get("/api/admin/online").body();
                assertThat(online.path("auditedAt").isNumber()).isTrue();
                assertThat(online.path("driftTotal").asLong()).as("%s", online).isZero();
                List<String> nodes = new ArrayList<>();
                online.path("nodes").forEach(n -> nodes.add(n.path("nodeId").asText()));
                assertThat(nodes).doesNotContain(doomed.nodeId().value()).contains(elsewhere.node().value());
            });
        }
    }

    private static JsonNode presence(Fleet fleet, Users.User user) {
        AdminApi.Reply reply = fleet.admin().get("/api/admin/users/" + user.id() + "/presence");
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }
}
