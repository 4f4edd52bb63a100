package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.client.CloseReason;
import io.pushfleet.client.ConnectOptions;
import io.pushfleet.client.EdgeAddress;
import io.pushfleet.client.EdgeConnectException;
import io.pushfleet.client.EdgeConnection;
import io.pushfleet.client.Inbox;
import io.pushfleet.client.LoginResponse;
import io.pushfleet.client.PushClient;
import io.pushfleet.client.Transport;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end: register, log in, connect over WebSocket and TCP to a real edge
 * process, stay alive on heartbeats, show up in the admin API on the right node, go away cleanly, and
 * move between edges without a stale disconnect deleting the newer route.
 */
@ExtendWith(FleetExtension.class)
class ConnectFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersLogsInAndStaysConnectedOnHeartbeats(Transport transport, Fleet fleet) throws Exception {
        try (PushClient client = client(fleet, ConnectOptions.builder().transport(transport).build())) {
            String username = uniqueName("alice");
            UserId userId = client.register(username, PASSWORD);
            LoginResponse login = client.login(username, PASSWORD, new DeviceId("laptop"));
            assertThat(fleet.edges()).extracting(Fleet.Edge::nodeId).contains(login.edge().nodeId());
            assertThat(login.fallbacks()).extracting(EdgeAddress::nodeId).doesNotContain(login.edge().nodeId());

            EdgeConnection connection = client.connect(login, new Inbox()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(connection.authOk().userId()).isEqualTo(userId);
            assertThat(connection.authOk().heartbeat()).isEqualTo(Fleet.HEARTBEAT);

            // Longer than the idle limit (interval x misses): only the heartbeats keep it open.
            Duration idleLimit = Fleet.HEARTBEAT.multipliedBy(Fleet.HEARTBEAT_MISSES);
            await().during(idleLimit.multipliedBy(2)).atMost(idleLimit.multipliedBy(3)).until(connection::isOpen);

            JsonNode presence = fleet.admin().get("/api/admin/users/" + userId + "/presence").body();
            assertThat(presence.path("online").asBoolean()).isTrue();
            assertThat(presence.path("devices")).hasSize(1);
            assertThat(presence.path("devices").get(0).path("deviceId").asText()).isEqualTo("laptop");
            assertThat(presence.path("devices").get(0).path("nodeId").asText()).isEqualTo(login.edge().nodeId().value());
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(onlineEntry(fleet, login.edge().nodeId()).path("routes").asLong()).isPositive());

            connection.close();
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    fleet.admin().get("/api/admin/users/" + userId + "/presence").body().path("online").asBoolean())
                    .isFalse());
        }
    }

    @Test
    void evictsAClientThatStopsSendingHeartbeats(Fleet fleet) throws Exception {
        try (PushClient client = client(fleet, ConnectOptions.builder().autoHeartbeat(false).build())) {
            String username = uniqueName("quiet");
            UserId userId = client.register(username, PASSWORD);
            EdgeConnection connection = client.connect(client.login(username, PASSWORD, new DeviceId("d1")), new Inbox())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            CloseReason reason = connection.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reason.closeCode()).contains(CloseCode.IDLE_TIMEOUT);
            assertThat(reason.byServer()).isTrue();
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    fleet.admin().get("/api/admin/users/" + userId + "/presence").body().path("online").asBoolean())
                    .isFalse());
        }
    }

    @Test
    void sameDeviceOnTheOtherEdgeReplacesTheRouteAndClosesTheOldConnection(Fleet fleet) throws Exception {
        try (PushClient client = client(fleet, ConnectOptions.defaults())) {
            String username = uniqueName("mover");
            UserId userId = client.register(username, PASSWORD);
            DeviceId device = new DeviceId("phone");
            LoginResponse first = client.login(username, PASSWORD, device);
            EdgeConnection old = client.connect(first, new Inbox()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            NodeId oldNode = old.authOk().nodeId();

            LoginResponse second = client.login(username, PASSWORD, device);
            EdgeAddress otherEdge = List.of(second.edge(), second.fallbacks().getFirst()).stream()
                    .filter(e -> !e.nodeId().equals(oldNode)).findFirst().orElseThrow();
            EdgeConnection moved = EdgeConnection.open(otherEdge, second.token(), ConnectOptions.defaults(), new Inbox())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            CloseReason oldReason = old.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(oldReason.closeCode()).contains(CloseCode.REPLACED);
            // The old connection's disconnect ran on the old node after the new route was set: it must not delete it.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode devices = fleet.admin().get("/api/admin/users/" + userId + "/presence").body().path("devices");
                assertThat(devices).hasSize(1);
                assertThat(devices.get(0).path("nodeId").asText()).isEqualTo(otherEdge.nodeId().value());
            });
            assertThat(moved.isOpen()).isTrue();
            moved.close();
        }
    }

    @Test
    void authenticatesWithABearerTokenOnTheWebSocketUpgrade(Fleet fleet) throws Exception {
        ConnectOptions options = ConnectOptions.builder().authInUpgradeHeader(true).build();
        try (PushClient client = client(fleet, options)) {
            String username = uniqueName("header");
            UserId userId = client.register(username, PASSWORD);

            EdgeConnection connection = client.connect(client.login(username, PASSWORD, new DeviceId("web")), new Inbox())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(connection.authOk().userId()).isEqualTo(userId);
            connection.close();
        }
    }

    @Test
    void refusesATokenNotSignedByTheControlPlane(Fleet fleet) throws Exception {
        try (PushClient client = client(fleet, ConnectOptions.defaults())) {
            String username = uniqueName("forger");
            client.register(username, PASSWORD);
            LoginResponse login = client.login(username, PASSWORD, new DeviceId("d1"));
            String forged = new TokenIssuer(SigningKeys.generate("forged-kid"), "pushfleet-control-plane", "pushfleet-edge",
                    Duration.ofMinutes(5), Clock.systemUTC()).issue(new UserId(1), new DeviceId("d1")).token();

            assertThatThrownBy(() -> EdgeConnection.open(login.edge(), forged, ConnectOptions.defaults(), new Inbox())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(EdgeConnectException.class, e ->
                            assertThat(e.closeReason().closeCode()).contains(CloseCode.AUTH_FAILED));
        }
    }

    @Test
    void spreadsLoginsOverBothEdges(Fleet fleet) {
        try (PushClient client = client(fleet, ConnectOptions.defaults())) {
            String username = uniqueName("spread");
            client.register(username, PASSWORD);
            Set<NodeId> primaries = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                primaries.add(client.login(username, PASSWORD, new DeviceId("d" + i)).edge().nodeId());
            }

            assertThat(primaries).containsExactlyInAnyOrderElementsOf(
                    fleet.edges().stream().map(Fleet.Edge::nodeId).toList());
        }
    }

    @Test
    void adminRoutesRefuseAMissingOrWrongKey(Fleet fleet) {
        AdminApi admin = fleet.admin();
        for (String route : List.of("/api/admin/nodes", "/api/admin/online", "/api/admin/users/1/presence")) {
            assertThat(admin.getWithKey(route, null).status()).as("%s without a key", route).isEqualTo(401);
            assertThat(admin.getWithKey(route, "wrong-key").status()).as("%s with a wrong key", route).isEqualTo(401);
            assertThat(admin.getWithKey(route, null).body().path("code").asText()).isEqualTo("unauthorized");
            assertThat(admin.get(route).status()).as("%s with the key", route).isEqualTo(200);
        }
    }

    @Test
    void listsBothEdgesAsLiveNodes(Fleet fleet) {
        JsonNode nodes = fleet.admin().get("/api/admin/nodes").body();

        Set<String> ids = new HashSet<>();
        nodes.path("nodes").forEach(n -> ids.add(n.path("nodeId").asText()));
        assertThat(ids).containsAll(fleet.edges().stream().map(e -> e.nodeId().value()).toList());
    }

    private static JsonNode onlineEntry(Fleet fleet, NodeId nodeId) {
        for (JsonNode node : fleet.admin().get("/api/admin/online").body().path("nodes")) {
            if (node.path("nodeId").asText().equals(nodeId.value())) {
                return node;
            }
        }
        throw new AssertionError("node " + nodeId + " not in /api/admin/online");
    }

    private static PushClient client(Fleet fleet, ConnectOptions options) {
        return PushClient.builder().controlPlane(fleet.controlPlane()).options(options).build();
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
