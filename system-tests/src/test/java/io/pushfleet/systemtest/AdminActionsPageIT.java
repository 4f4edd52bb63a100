package io.pushfleet.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

/**
 * What an operator changes from the console, in a real browser, checked through the admin API: drain and undrain
 * an edge through its button and the confirmation dialog, switch the routing strategy to weighted and back (a
 * refused setting shows the control plane's message), and a read-only key is told it can only read.
 */
@ExtendWith({FleetExtension.class, BrowserExtension.class})
class AdminActionsPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ROUND_ROBIN = "{\"strategy\":\"round-robin\",\"weights\":null}";

    @Test
    void drainsAndUndrainsAnEdgeThroughItsButtonAfterAConfirmation(Fleet fleet, Browser browser) throws Exception {
        // An edge of its own, so the fleet's two edges keep taking the other tests' clients.
        Fleet.Edge edge = fleet.startEdge("sys-edge-console");
        String id = edge.nodeId().value();
        try {
            openWithKey(browser, fleet, fleet.adminKey());
            browser.await(presenceOfElementLocated(row(id, "[data-state='UP']")));

            clickNodeAction(browser, id, "drain");
            assertThat(browser.text("confirm-text")).startsWith("Drain " + id + "?");
            browser.click("confirm-no");
            assertThat(browser.script("return document.getElementById('confirm-dialog').open")).isEqualTo(false);
            assertThat(drainedSince(fleet, id).isNull()).as("cancelled: not drained").isTrue();

            clickNodeAction(browser, id, "drain");
            browser.click("confirm-yes");

            browser.await(presenceOfElementLocated(row(id, "[data-state='DRAINING'][data-drained='true']")));
            assertThat(browser.text("node-message")).startsWith(id + " is drained");
            assertThat(browser.driver().findElement(row(id, "")).getText()).contains("DRAINING").contains("drained");
            JsonNode drained = fleet.admin().node(id);
            assertThat(drained.path("state").asText()).isEqualTo("DRAINING");
            assertThat(drained.path("drainedSince").isTextual()).isTrue();
            assertThat(drained.path("selectable").asBoolean()).isFalse();

            clickNodeAction(browser, id, "undrain");
            assertThat(browser.text("confirm-text")).startsWith("Undrain " + id + "?");
            browser.click("confirm-yes");

            browser.await(presenceOfElementLocated(row(id, "[data-state='UP'][data-drained='false']")));
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode undrained = fleet.admin().node(id);
                assertThat(undrained.path("state").asText()).isEqualTo("UP");
                assertThat(undrained.path("drainedSince").isNull()).isTrue();
                assertThat(undrained.path("selectable").asBoolean()).isTrue();
            });
        } finally {
            fleet.admin().post("/api/admin/nodes/" + id + "/undrain", "");
            edge.process().close();
        }
    }

    @Test
    void switchesTheFleetToWeightedShowsTheWeightsAndSwitchesBack(Fleet fleet, Browser browser) {
        String a = fleet.edges().get(0).nodeId().value();
        String b = fleet.edges().get(1).nodeId().value();
        try {
            openWithKey(browser, fleet, fleet.adminKey());
            browser.await(attributeToBe(By.id("routing-strategy-now"), "data-strategy", "round-robin"));
            assertThat(browser.byId("routing-weights").isEnabled()).as("weights only for weighted").isFalse();

            new Select(browser.byId("routing-strategy")).selectByValue("weighted");
            browser.type("routing-weights", a + "=0, " + b + "=1");
            browser.click("apply-routing");
            browser.await(attributeToBe(By.id("routing-message"), "data-code", "invalid_routing"));
            assertThat(browser.text("routing-message")).contains(a);
            browser.type("routing-weights", a + ", " + b + "=1");
            browser.click("apply-routing");
            browser.await(textMatches(By.id("routing-message"), Pattern.compile("is not node=weight")));
            assertThat(browser.byId("routing-message").getDomAttribute("data-code")).as("refused by the page").isNull();

            browser.type("routing-weights", a + "=3, " + b + "=1");
            browser.click("apply-routing");

            browser.await(attributeToBe(By.id("routing-strategy-now"), "data-strategy", "weighted"));
            assertThat(browser.text("routing-weights-now")).isEqualTo(a + "=3, " + b + "=1");
            browser.await(presenceOfElementLocated(row(a, "[data-weight='3']")));
            browser.await(presenceOfElementLocated(row(b, "[data-weight='1']")));
            JsonNode routing = fleet.admin().get("/api/admin/routing").body();
            assertThat(routing.path("strategy").asText()).isEqualTo("weighted");
            assertThat(routing.path("weights").path(a).asInt()).isEqualTo(3);
            assertThat(routing.path("weights").path(b).asInt()).isEqualTo(1);

            new Select(browser.byId("routing-strategy")).selectByValue("round-robin");
            browser.click("apply-routing");

            browser.await(attributeToBe(By.id("routing-strategy-now"), "data-strategy", "round-robin"));
            browser.await(presenceOfElementLocated(row(a, "[data-weight='']")));
            assertThat(fleet.admin().get("/api/admin/routing").body().path("strategy").asText()).isEqualTo("round-robin");
        } finally {
            // The other system tests expect round-robin (Fleet), whatever happened here.
            fleet.admin().put("/api/admin/routing", ROUND_ROBIN);
        }
    }

    @Test
    void aReadOnlyKeySeesTheFleetButIsToldItCanOnlyRead(Fleet fleet, Browser browser) {
        String id = fleet.edges().getFirst().nodeId().value();
        try {
            openWithKey(browser, fleet, fleet.readKey());
            browser.await(presenceOfElementLocated(row(id, "[data-live='true']")));
            browser.await(attributeToBe(By.id("key-status"), "data-state", "ok"));

            clickNodeAction(browser, id, "drain");
            browser.click("confirm-yes");

            browser.await(attributeToBe(By.id("node-message"), "data-code", "insufficient_role"));
            assertThat(browser.text("node-message")).startsWith("this key can only read:").contains("read role");
            assertThat(browser.script("return sessionStorage.getItem('pushfleet.adminKey')"))
                    .as("a read key is kept").isEqualTo(fleet.readKey());
            assertThat(drainedSince(fleet, id).isNull()).isTrue();

            new Select(browser.byId("routing-strategy")).selectByValue("random");
            browser.click("apply-routing");
            browser.await(attributeToBe(By.id("routing-message"), "data-code", "insufficient_role"));
            assertThat(browser.text("routing-message")).startsWith("this key can only read:");
            assertThat(browser.text("key-status")).isEqualTo("key accepted");
        } finally {
            fleet.admin().post("/api/admin/nodes/" + id + "/undrain", "");
            fleet.admin().put("/api/admin/routing", ROUND_ROBIN);
        }
    }

    private static void openWithKey(Browser browser, Fleet fleet, String key) {
        browser.open(fleet.controlPlane().resolve("/admin.html"));
        browser.type("admin-key", key);
        browser.click("use-key");
    }

    private static By row(String nodeId, String attributes) {
        return By.cssSelector("#nodes tr[data-node-id='" + nodeId + "']" + attributes);
    }

    /** Clicks a node's action button and waits for the dialog; the table is redrawn every 2 s, so a click may miss. */
    private static void clickNodeAction(Browser browser, String nodeId, String action) {
        browser.await("the " + action + " button of " + nodeId, driver -> {
            try {
                WebElement button = driver.findElement(row(nodeId, " button[data-action='" + action + "']"));
                button.click();
                return true;
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        }, () -> browser.text("nodes"));
        browser.await(visibilityOfElementLocated(By.id("confirm-dialog")));
    }

    private static JsonNode drainedSince(Fleet fleet, String nodeId) {
        return fleet.admin().node(nodeId).path("drainedSince");
    }
}
