package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nothing accepted is lost: a task accepted just before the control plane is killed completes after restart. */
@ExtendWith(FleetExtension.class)
class CrashRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aTaskAcceptedJustBeforeACrashCompletesAfterRestart(Fleet fleet) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User online = users.online("survivor");
            StringJoiner ids = new StringJoiner(",", "[", "]").add(online.id().toString());
            long first = 7_000_000_000L + System.nanoTime() % 1_000_000;
            for (long id = first; id < first + 50_000; id++) {
                ids.add(Long.toString(id));
            }

            // Routing 50,001 targets takes a while; the kill lands in the middle of it (or just after).
            long taskId = PushFlowIT.push(fleet, "{\"userIds\":" + ids + ",\"body\":\"survives\",\"ttlSeconds\":600}");
            fleet.crashAndRestartControlPlane();

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode counts = PushFlowIT.counts(fleet, taskId);
                assertThat(counts.path("total").asLong()).isEqualTo(50_001);
                assertThat(counts.path("stored").asLong()).isEqualTo(50_000);
                assertThat(counts.path("written").asLong() + counts.path("acked").asLong()).isEqualTo(1);
            });
            assertThat(online.inbox().awaitPush(WAIT).body().json()).isEqualTo("\"survives\"");
        }
    }
}
