package io.pushfleet.edge.bootstrap;

import io.pushfleet.edge.session.DrainSettings;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.token.TokenCrypto;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdgeConfigLoaderTest {

    private static final Map<String, String> HOST = Map.of("HOSTNAME", "box-7");

    @Test
    void usesTheDocumentedDefaults() {
        EdgeConfig c = load(HOST);

        assertThat(c.nodeId()).isEqualTo(new NodeId("edge-box-7"));
        assertThat(c.wsPort()).isEqualTo(8080);
        assertThat(c.tcpPort()).isEqualTo(9000);
        assertThat(c.adminPort()).isEqualTo(9100);
        assertThat(c.bindHost()).isEqualTo("0.0.0.0");
        assertThat(c.advertisedHost()).isEqualTo("127.0.0.1");
        assertThat(c.redisUri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(c.tokenIssuer()).isEqualTo("pushfleet-control-plane");
        assertThat(c.tokenAudience()).isEqualTo("pushfleet-edge");
        assertThat(c.limits().maxFrameBytes()).isEqualTo(65536);
        assertThat(c.limits().authTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.limits().maxFramesPerSecond()).isEqualTo(50);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.heartbeatMisses()).isEqualTo(3);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.registryInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.registryTtl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.transport()).isEqualTo(TransportMode.AUTO);
        assertThat(c.tokenCrypto()).isEqualTo(TokenCrypto.AUTO);
        assertThat(c.reusePort()).isFalse();
        assertThat(c.jwksFile()).isNull();
        assertThat(c.portsFile()).isNull();
        assertThat(c.kafkaBootstrap()).isNull();
        assertThat(c.kafkaLinger()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.kafkaDeliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.ackFlushInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.ackBatchSize()).isEqualTo(500);
        assertThat(c.drain()).isEqualTo(new DrainSettings(500, 2000, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(20)));
        assertThat(c.sendDedupeWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.sendLease()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void readsTheDrainSettings() {
        EdgeConfig c = load(Map.of("EDGE_DRAIN_RATE", "50", "EDGE_DRAIN_SHUTDOWN_RATE", "5000", "EDGE_DRAIN_JITTER", "0ms",
                "EDGE_DRAIN_GRACE", "2s", "EDGE_DRAIN_TIMEOUT", "0s"));

        assertThat(c.drain()).isEqualTo(new DrainSettings(50, 5000, Duration.ZERO, Duration.ofSeconds(2), Duration.ZERO));
    }

    @Test
    void refusesBadDrainSettings() {
        assertThatThrownBy(() -> load(Map.of("EDGE_DRAIN_RATE", "9", "EDGE_DRAIN_SHUTDOWN_RATE", "many",
                "EDGE_DRAIN_JITTER", "10s", "EDGE_DRAIN_GRACE", "10s", "EDGE_DRAIN_TIMEOUT", "11m")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--drain-rate (EDGE_DRAIN_RATE): 9 (expected: 10..1000000)")
                .hasMessageContaining("--drain-shutdown-rate (EDGE_DRAIN_SHUTDOWN_RATE): 'many' (expected: a whole number per second)")
                .hasMessageContaining("--drain-grace (EDGE_DRAIN_GRACE): 10s (expected: > --drain-jitter (10s))")
                .hasMessageContaining("--drain-timeout (EDGE_DRAIN_TIMEOUT): 660s (expected: 0s..600s)");
    }

    @Test
    void readsTheKafkaAndAckSettings() {
        EdgeConfig c = load(Map.of("EDGE_KAFKA_BOOTSTRAP", "k1:9092,k2:9093", "EDGE_KAFKA_LINGER", "0ms",
                "EDGE_KAFKA_DELIVERY_TIMEOUT", "30s", "EDGE_ACK_FLUSH_INTERVAL", "50ms", "EDGE_ACK_BATCH_SIZE", "200"));

        assertThat(c.kafkaBootstrap()).isEqualTo("k1:9092,k2:9093");
        assertThat(c.kafkaLinger()).isZero();
        assertThat(c.kafkaDeliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.ackFlushInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(c.ackBatchSize()).isEqualTo(200);
    }

    @Test
    void refusesBadKafkaAndAckSettings() {
        assertThatThrownBy(() -> load(Map.of("EDGE_KAFKA_BOOTSTRAP", "k1:9092,k2", "EDGE_KAFKA_DELIVERY_TIMEOUT", "1s",
                "EDGE_ACK_BATCH_SIZE", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--kafka-bootstrap (EDGE_KAFKA_BOOTSTRAP): 'k1:9092,k2' (expected: host:port[,host:port...])")
                .hasMessageContaining("--kafka-delivery-timeout (EDGE_KAFKA_DELIVERY_TIMEOUT): 1s (expected: 2s..300s)")
                .hasMessageContaining("--ack-batch-size (EDGE_ACK_BATCH_SIZE): 0 (expected: 1..10000)");
    }

    @Test
    void readsTheSendDedupeWindowAndRefusesOneShorterThanALease() {
        assertThat(load(Map.of("EDGE_SEND_DEDUPE_WINDOW", "2h")).sendDedupeWindow()).isEqualTo(Duration.ofHours(2));

        assertThatThrownBy(() -> load(Map.of("EDGE_SEND_DEDUPE_WINDOW", "169h")))
                .hasMessageContaining("--send-dedupe-window (EDGE_SEND_DEDUPE_WINDOW): 608400s (expected: 60s..604800s)");
        assertThatThrownBy(() -> load(Map.of("EDGE_SEND_DEDUPE_WINDOW", "2m", "EDGE_KAFKA_DELIVERY_TIMEOUT", "1m")))
                .hasMessageContaining("--send-dedupe-window (EDGE_SEND_DEDUPE_WINDOW): 120s (expected: > 2 x --kafka-delivery-timeout (120s))");
    }

    @Test
    void readsEveryKindOfValueFromTheEnvironment() {
        EdgeConfig c = load(Map.of("EDGE_NODE_ID", "edge-a", "EDGE_WS_PORT", "0", "EDGE_AUTH_TIMEOUT", "500ms",
                "EDGE_HEARTBEAT_INTERVAL", "PT20S", "EDGE_REUSE_PORT", "yes", "EDGE_TRANSPORT", "nio",
                "EDGE_JWKS_FILE", "/etc/edge/jwks.json", "EDGE_BIND_HOST", "10.0.0.5", "EDGE_TOKEN_CRYPTO", "JDK"));

        assertThat(c.nodeId()).isEqualTo(new NodeId("edge-a"));
        assertThat(c.wsPort()).isZero();
        assertThat(c.limits().authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.reusePort()).isTrue();
        assertThat(c.transport()).isEqualTo(TransportMode.NIO);
        assertThat(c.tokenCrypto()).isEqualTo(TokenCrypto.JDK);
        assertThat(c.jwksFile()).isEqualTo(Path.of("/etc/edge/jwks.json"));
        assertThat(c.advertisedHost()).isEqualTo("10.0.0.5");
    }

    @Test
    void letsAFlagWinOverItsEnvironmentVariable() {
        EdgeConfig c = load(Map.of("EDGE_TCP_PORT", "9001", "EDGE_NODE_ID", "from-env"),
                "--tcp-port", "9002", "--node-id=from-flag");

        assertThat(c.tcpPort()).isEqualTo(9002);
        assertThat(c.nodeId()).isEqualTo(new NodeId("from-flag"));
    }

    @Test
    void reportsEveryProblemNamingTheSettingAndWhatIsExpected() {
        assertThatThrownBy(() -> load(Map.of("EDGE_WS_PORT", "70000", "EDGE_HEARTBEAT_INTERVAL", "soon",
                "EDGE_MAX_FRAME_BYTES", "10", "EDGE_NODE_ID", "bad id!", "EDGE_TOKEN_CRYPTO", "openssl")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "--ws-port (EDGE_WS_PORT): 70000 (expected: 0..65535)",
                        "--heartbeat-interval (EDGE_HEARTBEAT_INTERVAL): 'soon' (expected: " + Durations.EXPECTED + ")",
                        "--max-frame-bytes (EDGE_MAX_FRAME_BYTES): 10 (expected: 256..16777216)",
                        "--token-crypto (EDGE_TOKEN_CRYPTO): 'openssl' (expected: auto, conscrypt or jdk)",
                        "--node-id (EDGE_NODE_ID): 'bad id!' (expected: 1..64 characters of [A-Za-z0-9._-])"));
    }

    @Test
    void refusesTwoListenersOnOnePort() {
        assertThatThrownBy(() -> load(HOST, "--ws-port", "9000"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ports: ws=9000, tcp=9000, admin=9100 (expected: distinct, or 0)");
    }

    @Test
    void refusesAHighWaterMarkNotAboveTheLowOne() {
        assertThatThrownBy(() -> load(HOST, "--write-buffer-low", "65536", "--write-buffer-high", "65536"))
                .hasMessageContaining("--write-buffer-high (EDGE_WRITE_BUFFER_HIGH): 65536 (expected: > --write-buffer-low (65536))");
    }

    @Test
    void refusesAnUnknownFlag() {
        assertThatThrownBy(() -> load(HOST, "--no-such-flag", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--no-such-flag");
    }

    @Test
    void masksTheRedisPasswordWhenLoggedAndInProblems() {
        EdgeConfig c = load(Map.of("EDGE_REDIS_URI", "redis://edge:s3cret@redis.internal:6379/0", "HOSTNAME", "h"));

        assertThat(c.toString()).contains("redis://edge:***@redis.internal:6379/0").doesNotContain("s3cret");
        assertThat(Secrets.maskUri("redis://s3cret@host:6379")).isEqualTo("redis://***@host:6379");
        assertThat(Secrets.maskUri("redis://host:6379?password=s3cret&timeout=2s")).isEqualTo("redis://host:6379?password=***&timeout=2s");
        assertThatThrownBy(() -> load(Map.of("EDGE_REDIS_URI", "http://u:s3cret@x", "HOSTNAME", "h")))
                .hasMessageContaining("--redis-uri")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void printsUsageAndReturnsNothingForHelp() {
        StringWriter out = new StringWriter();

        Optional<EdgeConfig> c = new EdgeConfigLoader(HOST).load(new String[] {"--help"}, new PrintWriter(out));

        assertThat(c).isEmpty();
        assertThat(out.toString()).contains("--ws-port").contains("EDGE_WS_PORT").contains("Default: 8080");
    }

    @Test
    void derivesAValidNodeIdFromAnyHostname() {
        EdgeConfig c = load(Map.of("HOSTNAME", "Web_Server#1." + "x".repeat(80)));

        assertThat(c.nodeId().value()).startsWith("edge-web_server-1.").hasSize(NodeId.MAX_LENGTH);
    }

    private static EdgeConfig load(Map<String, String> env, String... args) {
        return new EdgeConfigLoader(env).load(args, new PrintWriter(new StringWriter())).orElseThrow();
    }
}
