package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.id.NodeId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    private static final EdgeAddress EDGE =
            new EdgeAddress(new NodeId("edge-a"), URI.create("ws://127.0.0.1:8080/ws"), "127.0.0.1", 9000);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), 2.0, 0.2, Duration.ofSeconds(30));

    @Test
    void edgeAddressRefusesNonWebSocketUrlsAndBadPorts() {
        assertThatThrownBy(() -> new EdgeAddress(new NodeId("a"), URI.create("http://h/ws"), "h", 1))
                .hasMessage("wsUrl: http://h/ws (expected: a ws:// or wss:// URL)");
        assertThatThrownBy(() -> new EdgeAddress(new NodeId("a"), URI.create("ws://h/ws"), "h", 0))
                .hasMessage("tcpPort: 0 (expected: 1..65535)");
        assertThatThrownBy(() -> new EdgeAddress(new NodeId("a"), URI.create("ws://h/ws"), " ", 1))
                .hasMessage("tcpHost: blank (expected: a host name or address)");
        assertThat(new EdgeAddress(new NodeId("a"), URI.create("WSS://h/ws"), "h", 65535).tcpPort()).isEqualTo(65535);
    }

    @Test
    void backoffRefusesValuesThatCannotBackOff() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, 2, 0, Duration.ofSeconds(1)))
                .hasMessage("base: PT0S (expected: >= 1ms)");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), 0.5, 0, Duration.ofSeconds(1)))
                .hasMessage("factor: 0.5 (expected: >= 1, finite)");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), Double.NaN, 0, Duration.ofSeconds(1)))
                .hasMessageStartingWith("factor: NaN");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(1), 2, 1.5, Duration.ofSeconds(1)))
                .hasMessage("jitter: 1.5 (expected: 0..1)");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 2, 0, Duration.ofSeconds(1)))
                .hasMessage("max: PT1S (expected: >= base PT2S)");
    }

    @Test
    void loginResponseMasksTheTokenAndCopiesFallbacks() {
        List<EdgeAddress> fallbacks = new java.util.ArrayList<>(List.of(EDGE));
        LoginResponse login = new LoginResponse("secret.jwt.value", Instant.EPOCH, EDGE, fallbacks,
                Duration.ofSeconds(30), BACKOFF);
        fallbacks.clear();

        assertThat(login.toString()).doesNotContain("secret.jwt.value").contains("token=***");
        assertThat(login.fallbacks()).hasSize(1);
        assertThat(login.edges()).containsExactly(EDGE, EDGE);
        assertThatThrownBy(() -> new LoginResponse("t", Instant.EPOCH, EDGE, List.of(), Duration.ZERO, BACKOFF))
                .hasMessage("heartbeat: PT0S (expected: >= 1ms)");
    }

    @Test
    void connectOptionsDefaultToWebSocketJsonWithAutoHeartbeatAndAck() {
        ConnectOptions o = ConnectOptions.defaults();

        assertThat(o.transport()).isEqualTo(Transport.WEBSOCKET_JSON);
        assertThat(o.authInUpgradeHeader()).isFalse();
        assertThat(o.autoHeartbeat()).isTrue();
        assertThat(o.autoAck()).isTrue();
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.toBuilder().autoAck(false).build().autoAck()).isFalse();
    }

    @Test
    void connectOptionsRefuseUpgradeHeaderAuthOnTcp() {
        assertThatThrownBy(() -> ConnectOptions.builder().transport(Transport.TCP).authInUpgradeHeader(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("authInUpgradeHeader: true (expected: false with transport TCP, which has no upgrade)");
        assertThatThrownBy(() -> ConnectOptions.builder().connectTimeout(Duration.ZERO))
                .hasMessage("connectTimeout: PT0S (expected: >= 1ms)");
        assertThatThrownBy(() -> ConnectOptions.builder().maxSilentHeartbeats(0))
                .hasMessage("maxSilentHeartbeats: 0 (expected: >= 1)");
    }

    @Test
    void closeReasonNamesProtocolCodes() {
        assertThat(new CloseReason(4002, "bad", true).closeCode()).contains(CloseCode.AUTH_FAILED);
        assertThat(new CloseReason(CloseReason.NORMAL_CLOSURE, "", false).closeCode()).isEmpty();
    }

    @Test
    void webSocketCloseReasonIsCutToWhatAFrameHolds() {
        String longReason = "é".repeat(100); // 200 UTF-8 bytes

        String cut = WebSocketWire.truncate(longReason);

        assertThat(cut.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
        assertThat(longReason).startsWith(cut);
        assertThat(WebSocketWire.truncate("short")).isEqualTo("short");
    }

    @Test
    void sessionOptionsKeepTheirDefaultsAndRefuseValuesOutOfRange() {
        SessionOptions defaults = SessionOptions.defaults();
        assertThat(defaults).hasToString(
                "SessionOptions[bufferCapacity=1000, dedupeWindow=10000, maxSendRate=25, stableAfter=PT30S]");

        assertThatThrownBy(() -> SessionOptions.builder().bufferCapacity(0))
                .hasMessage("bufferCapacity: 0 (expected: 1..1000000)");
        assertThatThrownBy(() -> SessionOptions.builder().dedupeWindow(1_000_001))
                .hasMessage("dedupeWindow: 1000001 (expected: 1..1000000)");
        assertThatThrownBy(() -> SessionOptions.builder().maxSendRate(-5))
                .hasMessage("maxSendRate: -5 (expected: 1..1000000)");
        assertThatThrownBy(() -> SessionOptions.builder().stableAfter(Duration.ZERO))
                .hasMessage("stableAfter: PT0S (expected: >= 1ms)");
    }
}
