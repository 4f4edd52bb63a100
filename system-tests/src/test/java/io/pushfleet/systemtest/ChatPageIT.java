package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.client.PushClient;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat demo page in a real browser against the fleet: register and log in through the form,
 * connect to an edge over WebSocket, keep the connection alive with pings, disconnect, and show the
 * control plane's and the edge's refusals.
 */
@ExtendWith({FleetExtension.class, BrowserExtension.class})
class ChatPageIT {

    private static final String PASSWORD = "correct-horse-battery";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void registersConnectsStaysConnectedOnPingsAndGoesOfflineOnDisconnect(Fleet fleet, Browser browser) {
        ChatPage page = ChatPage.open(browser, fleet);
        assertThat(page.deviceIdField()).matches("web-[0-9a-f]{4}");
        String deviceId = page.deviceIdField();

        page.register(uniqueName("web"), PASSWORD);
        page.awaitState("connected");

        String nodeId = page.nodeId();
        assertThat(fleet.edges()).extracting(e -> e.nodeId().value()).contains(nodeId);
        assertThat(page.statusText()).isEqualTo("connected to " + nodeId);
        assertThat(page.deviceId()).isEqualTo(deviceId);
        assertThat(page.entries("auth_ok")).hasSize(1);
        // The fleet's edges evict after HEARTBEAT x HEARTBEAT_MISSES (2 s) of silence (PROTOCOL 3.3):
        // four pongs take more than three intervals, and only a page that pings gets them.
        int pongs = Fleet.HEARTBEAT_MISSES + 2;
        page.awaitPongs(pongs);
        assertThat(page.state()).isEqualTo("connected");
        assertThat(browser.driver().getPageSource()).as("the token is never shown").doesNotContain("eyJ");
        assertThat(browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
                .as("the token is never stored").asString().doesNotContain("eyJ");

        long userId = page.userId();
        JsonNode presence = presence(fleet, userId);
        assertThat(presence.path("online").asBoolean()).isTrue();
        assertThat(presence.path("devices")).hasSize(1);
        assertThat(presence.path("devices").get(0).path("deviceId").asText()).isEqualTo(deviceId);
        assertThat(presence.path("devices").get(0).path("nodeId").asText()).isEqualTo(nodeId);

        page.disconnect();
        page.awaitState("closed");
        assertThat(page.statusText()).startsWith("closed 1000");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(presence(fleet, userId).path("online").asBoolean()).isFalse());
    }

    @Test
    void sendsAndReceivesChatMessagesWithAReceipt(Fleet fleet, Browser browser) throws Exception {
        try (Users users = new Users(fleet)) {
            Users.User bob = users.online("bob");
            ChatPage page = ChatPage.open(browser, fleet);
            page.register(uniqueName("sender"), PASSWORD);
            page.awaitState("connected");

            page.sendToUser(bob.id().value(), "hello from the browser");

            // PROTOCOL 3.4: a send is answered by a receipt with the server's message id.
            WebElement receipt = page.awaitEntry("li[data-type='receipt']");
            assertThat(receipt.getText()).contains("receipt: accepted");
            Frame.Push push = bob.inbox().awaitPush(WAIT);
            assertThat(push.body().json()).isEqualTo("{\"text\":\"hello from the browser\"}");
            assertThat(push.from()).isEqualTo(new UserId(page.userId()));

            bob.connection().send(new Frame.Send(new Target.User(new UserId(page.userId())),
                    new RawJson("{\"text\":\"hi browser\"}"), "b-1"));
            WebElement received = page.awaitEntry("li[data-type='push']");
            assertThat(received.getText()).contains("from user " + bob.id()).contains("hi browser");
            page.disconnect();
            page.awaitState("closed");
        }
    }

    @Test
    void showsTheMessageOfARefusedLogin(Fleet fleet, Browser browser) {
        String username = uniqueName("wrongpw");
        try (PushClient client = PushClient.builder().controlPlane(fleet.controlPlane()).build()) {
            client.register(username, PASSWORD);
        }
        ChatPage page = ChatPage.open(browser, fleet);

        page.logIn(username, "not-the-password-1");

        page.awaitAuthError("wrong username or password");
        assertThat(browser.byId("auth-error").getDomAttribute("data-code")).isEqualTo("invalid_credentials");
        assertThat(page.state()).isEqualTo("idle");
        assertThat(browser.byId("login").isEnabled()).as("the form can be used again").isTrue();
    }

    private static JsonNode presence(Fleet fleet, long userId) {
        AdminApi.Reply reply = fleet.admin().get("/api/admin/users/" + userId + "/presence");
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
