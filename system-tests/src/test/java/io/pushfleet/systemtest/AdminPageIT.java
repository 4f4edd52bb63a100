package io.pushfleet.systemtest;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pushfleet.client.EdgeConnection;
import io.pushfleet.client.Inbox;
import io.pushfleet.client.PushClient;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.RedisKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

/**
 * The operator console in a real browser: the admin key (refused or accepted, kept in the tab's
 * session only), the edges and online tables refreshed from the admin API (with the route audit's drift),
 * and the presence lookup. Drain, undrain and routing changes: {@link AdminActionsPageIT}.
 */
@ExtendWith({FleetExtension.class, BrowserExtension.class})
class AdminPageIT {

    private static final String SESSION_KEY = "return sessionStorage.getItem('pushfleet.adminKey')";

    @Test
    void saysTheKeyWasRefusedForAWrongKey(Fleet fleet, Browser browser) {
        open(browser, fleet);

        useKey(browser, "wrong-admin-key-0000000000");

        browser.await(attributeToBe(By.id("key-status"), "data-state", "refused"));
        assertThat(browser.text("key-status")).isEqualTo("admin key refused");
        assertThat(browser.script(SESSION_KEY)).as("a refused key is forgotten").isNull();
        assertThat(browser.driver().findElements(By.cssSelector("#nodes tr[data-node-id]"))).isEmpty();
    }

    @Test
    void listsBothEdgesAsLiveAndOnlineWithTheRightKey(Fleet fleet, Browser browser) {
        open(browser, fleet);

        useKey(browser, fleet.adminKey());

        awaitBothEdgesListed(browser, fleet);
        assertThat(browser.text("key-status")).isEqualTo("key accepted");
        assertThat(browser.byId("admin-key").getDomProperty("value")).as("the key field is cleared").isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(fleet.adminKey());
        assertThat(browser.script(SESSION_KEY)).isEqualTo(fleet.adminKey());
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.byId("online-totals").getDomAttribute("data-total")).isNotNull();

        // The key survives a reload of the tab (sessionStorage), so the tables come back by themselves.
        browser.driver().navigate().refresh();
        awaitBothEdgesListed(browser, fleet);
    }

    @Test
    void looksUpThePresenceOfAConnectedUser(Fleet fleet, Browser browser) throws Exception {
        try (PushClient client = PushClient.builder().controlPlane(fleet.controlPlane()).build()) {
            String username = "seen_" + UUID.randomUUID().toString().substring(0, 8);
            UserId userId = client.register(username, "correct-horse-battery");
            EdgeConnection connection = client.connect(
                    client.login(username, "correct-horse-battery", new DeviceId("sdk-phone")), new Inbox())
                    .get(Browser.WAIT.toSeconds(), TimeUnit.SECONDS);
            open(browser, fleet);
            useKey(browser, fleet.adminKey());
            browser.await(attributeToBe(By.id("key-status"), "data-state", "ok"));

            browser.type("presence-user", Long.toString(userId.value()));
            browser.click("lookup");

            browser.await(textToBe(By.id("presence-summary"), "user " + userId.value() + " is online on 1 device"));
            assertThat(browser.text("presence-devices"))
                    .contains("sdk-phone")
                    .contains(connection.authOk().nodeId().value());
            connection.close();
        }
    }

    @Test
    void showsTheDriftTheRouteAuditFindsAndWhenItIsGone(Fleet fleet, Browser browser) {
        Fleet.Edge edge = fleet.edges().getFirst();
        String id = edge.nodeId().value();
        // A route and set member of the edge's run that the edge does not hold: the audit cannot tell it from a
        // real one, so the route table counts one more than the edge reports (drift -1) until it is removed.
        NodeConnection ghost = new NodeConnection(new UserId(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41)),
                new DeviceId("ghost"), fleet.admin().node(id).path("info").path("bootEpoch").asLong(), 1L << 40);
        RedisClient client = RedisClient.create(fleet.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            open(browser, fleet);
            useKey(browser, fleet.adminKey());
            awaitBothEdgesListed(browser, fleet);
            redis.sadd(RedisKeys.nodeConnections(edge.nodeId()), ghost.format());
            redis.hset(RedisKeys.route(ghost.userId()), ghost.deviceId().value(), ghost.routeOn(edge.nodeId()).format());
            try {
                browser.await(presenceOfElementLocated(By.cssSelector("#online tr[data-node-id='" + id + "'][data-drift='-1']")));
                assertThat(browser.driver().findElement(By.cssSelector("#online tr[data-node-id='" + id + "'] span.badge.warn"))
                        .getText()).isEqualTo("-1");
                assertThat(browser.byId("drift-total").getDomAttribute("class")).contains("warn");
                assertThat(browser.text("online-totals")).contains("audited");
            } finally {
                redis.hdel(RedisKeys.route(ghost.userId()), ghost.deviceId().value());
                redis.srem(RedisKeys.nodeConnections(edge.nodeId()), ghost.format());
            }
            browser.await(presenceOfElementLocated(By.cssSelector("#online tr[data-node-id='" + id + "'][data-drift='0']")));
        } finally {
            client.shutdown();
        }
    }

    private static void open(Browser browser, Fleet fleet) {
        browser.open(fleet.controlPlane().resolve("/admin.html"));
    }

    private static void useKey(Browser browser, String key) {
        browser.type("admin-key", key);
        browser.click("use-key");
    }

    private static void awaitBothEdgesListed(Browser browser, Fleet fleet) {
        for (Fleet.Edge edge : fleet.edges()) {
            String id = edge.nodeId().value();
            browser.await(presenceOfElementLocated(By.cssSelector("#nodes tr[data-node-id='" + id + "'][data-live='true']")));
            browser.await(presenceOfElementLocated(By.cssSelector("#online tr[data-node-id='" + id + "'][data-live='true']")));
            assertThat(browser.driver().findElement(By.cssSelector("#nodes tr[data-node-id='" + id + "']")).getText())
                    .contains(id).contains("UP").contains("live");
        }
    }
}
