package io.pushfleet.edge.it;

import io.pushfleet.edge.testing.TcpTestClient;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RedisKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The packaged edge.jar as a process: start-up line and ports file, exit code 2 on bad settings, SIGTERM. */
class EdgeProcessIT {

    private static final Path JAR = Path.of(System.getProperty("edge.jar", "target/edge.jar"));
    private static final Path WORK = Path.of("target", "it");

    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    @BeforeAll
    static void checkJarAndWorkDirectory() throws IOException {
        assertThat(JAR).as("run after package: %s", JAR).exists();
        Files.createDirectories(WORK);
    }

    @Test
    void exitsWithCodeTwoNamingTheBadSetting() throws Exception {
        Path log = WORK.resolve("edge-bad-config.log");
        Process p = edge(log, "--ws-port", "70000", "--heartbeat-misses", "zero");

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log))
                .contains("--ws-port (EDGE_WS_PORT): 70000 (expected: 0..65535)")
                .contains("--heartbeat-misses (EDGE_HEARTBEAT_MISSES): 'zero'");
    }

    @Test
    void servesUntilSigtermThenAsksClientsToReconnectSaysGoingAwayAndLeavesTheRegistry() throws Exception {
        Path portsFile = WORK.resolve("edge-proc.ports");
        Files.deleteIfExists(portsFile);
        Path log = WORK.resolve("edge-proc.log");
        Process p = edge(log, "--node-id", "edge-proc", "--bind-host", "127.0.0.1", "--ws-port", "0", "--tcp-port", "0",
                "--admin-port", "0", "--redis-uri", REDIS.uri(), "--ports-file", portsFile.toString(),
                "--registry-interval", "200ms", "--shutdown-timeout", "5s", "--drain-timeout", "1s");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portsFile) || !p.isAlive());
            assertThat(p.isAlive()).as("edge running; see %s", log).isTrue();
            Properties ports = new Properties();
            try (var in = Files.newInputStream(portsFile)) {
                ports.load(in);
            }
            int tcp = Integer.parseInt(ports.getProperty("tcp"));
            assertThat(Files.readString(log)).contains("edge ready nodeId=edge-proc ws=" + ports.getProperty("ws") + " tcp=" + tcp);
            await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().get(RedisKeys.nodeInfo(new NodeId("edge-proc"))) != null);

            try (TcpTestClient client = new TcpTestClient(tcp)) {
                String token = tokens.valid(201, "dev");
                assertThat(client.auth(token)).isInstanceOf(Frame.AuthOk.class);
                await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().hget(RedisKeys.route(new UserId(201)), "dev") != null);

                assertThat(Files.readString(log)).as("never log a token").doesNotContain(token);
                long signalled = System.nanoTime();
                p.destroy();

                // DESIGN 3.10: shutdown drains first; this client ignores the reconnect, so it is closed after the drain.
                Frame first = client.read();
                assertThat(first).isInstanceOf(Frame.Reconnect.class);
                assertThat(((Frame.Reconnect) first).reason()).isEqualTo("node shutting down");
                assertThat(client.read()).isEqualTo(new Frame.Error(CloseCode.GOING_AWAY, "node shutting down"));
                assertThat(client.read()).isNull();
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("exited in time").isTrue();
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
                assertThat(tookMillis).isLessThan(10_000);
                assertThat(p.exitValue()).isEqualTo(143);
            }
            assertThat(REDIS.sync().get(RedisKeys.nodeInfo(new NodeId("edge-proc")))).isNull();
            assertThat(REDIS.sync().zscore(RedisKeys.NODES, "edge-proc")).isNull();
            assertThat(REDIS.sync().hget(RedisKeys.route(new UserId(201)), "dev")).isNull();
            assertThat(REDIS.sync().scard(RedisKeys.nodeConnections(new NodeId("edge-proc")))).isZero();
            assertThat(Files.readString(log)).contains("edge stopped nodeId=edge-proc");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process edge(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("EDGE_"));
        return pb.start();
    }
}
