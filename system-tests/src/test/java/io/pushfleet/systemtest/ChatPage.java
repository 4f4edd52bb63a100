package io.pushfleet.systemtest;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

/** {@code /chat.html} as a user sees it: the element ids and data attributes the page promises. */
final class ChatPage {

    private final Browser browser;

    private ChatPage(Browser browser) {
        this.browser = browser;
    }

    static ChatPage open(Browser browser, Fleet fleet) {
        browser.open(fleet.controlPlane().resolve("/chat.html"));
        return new ChatPage(browser);
    }

    void register(String username, String password) {
        fill(username, password);
        browser.click("register");
    }

    void logIn(String username, String password) {
        fill(username, password);
        browser.click("login");
    }

    private void fill(String username, String password) {
        browser.type("username", username);
        browser.type("password", password);
    }

    String deviceIdField() {
        return browser.byId("device-id").getDomProperty("value");
    }

    /** Waits until the connection indicator says {@code state}: idle, connecting, connected or closed. */
    void awaitState(String state) {
        browser.await("connection state " + state,
                driver -> state.equals(state()), () -> describe() + " error: " + authError());
    }

    String state() {
        return browser.byId("status").getDomAttribute("data-state");
    }

    String statusText() {
        return browser.text("status");
    }

    String nodeId() {
        return browser.text("node-id");
    }

    long userId() {
        return Long.parseLong(browser.text("user-id"));
    }

    String deviceId() {
        return browser.text("session-device");
    }

    /** Pongs received on this connection, i.e. pings the page sent and the edge answered. */
    int pongs() {
        String pongs = browser.byId("heartbeat").getDomAttribute("data-pongs");
        return pongs == null ? 0 : Integer.parseInt(pongs);
    }

    void awaitPongs(int atLeast) {
        browser.await("at least " + atLeast + " pongs", driver -> pongs() >= atLeast, this::describe);
    }

    String authError() {
        return browser.text("auth-error");
    }

    void awaitAuthError(String text) {
        browser.await(textToBePresentInElementLocated(By.id("auth-error"), text));
    }

    void sendToUser(long userId, String text) {
        browser.type("target-id", Long.toString(userId));
        browser.type("message-text", text);
        browser.click("send");
    }

    void disconnect() {
        browser.click("disconnect");
    }

    /** The frame list entries of one type (auth_ok, push, receipt, error, sent, note, ...). */
    List<WebElement> entries(String type) {
        return browser.driver().findElements(By.cssSelector("#frames li[data-type='" + type + "']"));
    }

    WebElement awaitEntry(String cssSelector) {
        return browser.await("a frame list entry " + cssSelector,
                driver -> driver.findElements(By.cssSelector("#frames " + cssSelector)).stream().findFirst().orElse(null),
                this::describe);
    }

    /** The status line, heartbeat line and frame list as text, for failure messages. */
    String describe() {
        return "[" + statusText() + "] [" + browser.text("heartbeat") + "] frames: " + browser.text("frames");
    }
}
