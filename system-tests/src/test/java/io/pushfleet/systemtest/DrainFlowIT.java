package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.client.EdgeAddress;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN 3.10 end to end, with raw TCP clients (no SDK): an operator drains a third edge process through the
 * control plane, its clients are told to reconnect, logins stop choosing it, and undrain puts it back; SIGTERM
 * on an edge asks its clients to reconnect before the process exits. Each test starts and stops its own extra
 * edge, so the fleet's two edges are left as they were.
 */
@ExtendWith(FleetExtension.class)
class DrainFlowIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CLIENTS = 3;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDrainedEdgeTellsItsClientsToReconnectAndIsNotChosenUntilUndrained(Fleet fleet) throws Exception {
        Fleet.Edge edge = fleet.startEdge("sys-edge-drain");
        List<RawTcpClient> clients = new ArrayList<>();
        try (Users users = new Users(fleet)) {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(new RawTcpClient(edge.tcpPort(), users.registered("drained").login().token()));
            }

            AdminApi.Reply drained = fleet.admin().post("/api/admin/nodes/" + edge.nodeId() + "/drain", "");

            assertThat(drained.status()).isEqualTo(200);
            assertThat(drained.body().path("draining").asBoolean()).isTrue();
            for (RawTcpClient client : clients) {
                Frame frame = client.next(WAIT);
                assertThat(frame).isInstanceOf(Frame.Reconnect.class);
                assertThat(((Frame.Reconnect) frame).reason()).isEqualTo("node draining");
            }
            assertThat(status(edge.adminUrl("/health/ready"))).isEqualTo(503);
            for (int i = 0; i < 4; i++) {
                assertThat(users.registered("login").login().edges()).extracting(EdgeAddress::nodeId)
                        .doesNotContain(edge.nodeId());
            }

            AdminApi.Reply undrained = fleet.admin().post("/api/admin/nodes/" + edge.nodeId() + "/undrain", "");

            assertThat(undrained.status()).isEqualTo(200);
            assertThat(undrained.body().path("draining").asBoolean()).isFalse();
            await().atMost(WAIT).until(() -> status(edge.adminUrl("/health/ready")) == 200);
            await().atMost(WAIT).until(() -> fleet.admin().selectable(edge.nodeId().value()));
        } finally {
            for (RawTcpClient client : clients) {
                client.close();
            }
            edge.process().close();
        }
    }

    @Test
    void sigtermAsksClientsToReconnectBeforeTheEdgeExits(Fleet fleet) throws Exception {
        Fleet.Edge edge = fleet.startEdge("sys-edge-stop");
        try (Users users = new Users(fleet);
             RawTcpClient follows = new RawTcpClient(edge.tcpPort(), users.registered("follows").login().token());
             RawTcpClient stays = new RawTcpClient(edge.tcpPort(), users.registered("stays").login().token())) {

            edge.process().terminate();

            Frame toFollower = follows.next(WAIT);
            assertThat(toFollower).isInstanceOf(Frame.Reconnect.class);
            assertThat(((Frame.Reconnect) toFollower).reason()).isEqualTo("node shutting down");
            // A client that follows the request leaves; one that does not is told it again by the close.
            follows.close();
            assertThat(stays.next(WAIT)).isInstanceOf(Frame.Reconnect.class);
            Frame farewell = stays.next(WAIT);
            assertThat(farewell).isInstanceOf(Frame.Error.class);
            assertThat(((Frame.Error) farewell).code()).isEqualTo(CloseCode.GOING_AWAY.code());
            OptionalInt exit = edge.process().awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as("the edge exited after its drain; log:\n%s", edge.process().logTail()).hasValue(143);
            await().atMost(WAIT).until(() -> !registered(fleet, edge));
        } finally {
            edge.process().close();
        }
    }

    private int status(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean registered(Fleet fleet, Fleet.Edge edge) {
        return find(fleet, edge) != null;
    }

    private static JsonNode find(Fleet fleet, Fleet.Edge edge) {
        for (JsonNode node : fleet.admin().get("/api/admin/nodes").body().path("nodes")) {
            if (node.path("nodeId").asText().equals(edge.nodeId().value())) {
                return node;
            }
        }
        return null;
    }
}
