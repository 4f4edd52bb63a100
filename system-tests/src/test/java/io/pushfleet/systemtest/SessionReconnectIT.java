package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.client.PushClient;
import io.pushfleet.client.PushSession;
import io.pushfleet.client.SessionListener;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client SDK's session against a real fleet (DESIGN flows 1 and 6, issue 4): an edge killed with
 * SIGKILL under a client, which comes back on another edge within its backoff (through a token refresh, no
 * password) and then gets pushes, and
 * messages it sent while it had no connection, delivered once each after it reconnected. The killed edge is
 * an extra one, so the two edges the other tests share are untouched; the test ends once the control plane
 * no longer offers it. The edge's {@code reconnect} frame is covered by PushSessionTest until edges drain.
 */
@ExtendWith(FleetExtension.class)
class SessionReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The control plane's default {@code push.client.backoff.base}: the first retry waits less than this. */
    private static final Duration FIRST_RETRY_BOUND = Duration.ofMillis(500);
    private static final int MESSAGES = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What a session reported, for assertions from the test thread. */
    static final class SessionLog implements SessionListener {
        final List<NodeId> connectedTo = new CopyOnWriteArrayList<>();
        final List<Duration> retryDelays = new CopyOnWriteArrayList<>();
        final List<Frame.Push> pushes = new CopyOnWriteArrayList<>();

        @Override
        public void onConnected(Frame.AuthOk authOk) {
            connectedTo.add(authOk.nodeId());
        }

        @Override
        public void onReconnecting(int attempt, Duration delay, String why) {
            retryDelays.add(delay);
        }

        @Override
        public void onPush(Frame.Push push) {
            pushes.add(push);
        }
    }

    private record Started(PushSession session, SessionLog log) {
    }

    private record Account(String username, UserId id) {
    }

    @Test
    void aClientOnAKilledEdgeComesBackElsewhereAndWhatItSentMeanwhileArrivesOnce(Fleet fleet) throws Exception {
        Fleet.Edge doomed = fleet.startEdge("sys-edge-doomed");
        try (PushClient client = PushClient.builder().controlPlane(fleet.controlPlane()).build()) {
            Account alice = register(client, "alice");
            Account bob = register(client, "bob");
            Started sender = startOn(client, alice, node -> node.equals(doomed.nodeId()));
            Started receiver = startOn(client, bob, node -> !node.equals(doomed.nodeId()));

            double refreshesBefore = successfulRefreshes(fleet);
            long killedAt = System.nanoTime();
            doomed.process().kill();
            // Sent once the edge is gone: they can only leave after the reconnect.
            List<CompletableFuture<Frame.Receipt>> receipts = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                receipts.add(sender.session().send(new Target.User(bob.id()), new RawJson("\"m-" + i + "\"")));
            }

            await("sender reconnected").atMost(WAIT).until(() -> sender.log().connectedTo.size() == 2);
            Duration downtime = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(sender.log().connectedTo.getLast()).isNotEqualTo(doomed.nodeId());
            assertThat(sender.log().retryDelays.getFirst()).isLessThan(FIRST_RETRY_BOUND);
            assertThat(downtime).as("kill to reconnected, on a loaded machine").isLessThan(Duration.ofSeconds(10));
            assertThat(successfulRefreshes(fleet)).as("a token refresh chose the new node, no password login")
                    .isGreaterThan(refreshesBefore);
            for (CompletableFuture<Frame.Receipt> receipt : receipts) {
                assertThat(receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(ReceiptStatus.ACCEPTED);
            }
            assertThat(sender.session().pending()).isZero();
            await("every message at the receiver").atMost(WAIT).until(() -> receiver.log().pushes.size() >= MESSAGES);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> receiver.log().pushes.size() == MESSAGES);
            assertThat(receiver.log().pushes).extracting(p -> p.body().json())
                    .containsExactlyInAnyOrder("\"m-1\"", "\"m-2\"", "\"m-3\"", "\"m-4\"", "\"m-5\"");

            PushFlowIT.push(fleet, "{\"userIds\":[" + alice.id() + "],\"body\":\"after\",\"needsAck\":true}");
            await("a push after the reconnect").atMost(WAIT).until(() -> sender.log().pushes.size() == 1);
            assertThat(sender.log().pushes.getFirst().body().json()).isEqualTo("\"after\"");
            assertThat(sender.log().connectedTo).as("no further reconnects").hasSize(2);
        } finally {
            doomed.process().close();
            awaitNotOffered(fleet, doomed.nodeId());
        }
    }

    private static Account register(PushClient client, String prefix) {
        String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        return new Account(username, client.register(username, Users.PASSWORD));
    }

    /** Starts sessions for {@code username} until one lands on an edge {@code where} accepts. */
    private static Started startOn(PushClient client, Account account, Predicate<NodeId> where) throws Exception {
        for (int i = 0; i < 20; i++) {
            SessionLog log = new SessionLog();
            PushSession session = client.session(account.username(), Users.PASSWORD, new DeviceId("dev-1"), log);
            await().atMost(WAIT).until(() -> !log.connectedTo.isEmpty());
            if (where.test(log.connectedTo.getFirst())) {
                return new Started(session, log);
            }
            session.close();
            session.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        throw new AssertionError("no session of " + account.username() + " landed on the wanted edge in 20 logins");
    }

    /** {@code pushfleet_refreshes_total{outcome="success"}} of the control plane, 0 before the first. */
    private static double successfulRefreshes(Fleet fleet) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(fleet.controlPlane().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(l -> l.startsWith("pushfleet_refreshes_total{") && l.contains("outcome=\"success\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Waits until the registry no longer counts the killed edge as live (its report's TTL), so later tests see two edges. */
    private static void awaitNotOffered(Fleet fleet, NodeId node) {
        await(node + " no longer live").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (JsonNode n : fleet.admin().get("/api/admin/nodes").body().path("nodes")) {
                if (n.path("nodeId").asText().equals(node.value()) && n.path("live").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }
}
