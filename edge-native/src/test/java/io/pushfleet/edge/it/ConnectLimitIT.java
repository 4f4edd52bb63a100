package io.pushfleet.edge.it;

import io.pushfleet.edge.bootstrap.BoundPorts;
import io.pushfleet.edge.bootstrap.EdgeConfig;
import io.pushfleet.edge.bootstrap.EdgeNode;
import io.pushfleet.edge.testing.AdminMetrics;
import io.pushfleet.edge.testing.TcpTestClient;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import io.pushfleet.edge.testing.WsTestClient;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketException;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address connect limit of a real edge (against a real redis-server): a burst of {@link #BURST}
 * connects from 127.0.0.1 passes, the next is refused (TCP closed at once, WebSocket 429 with
 * {@code Retry-After}), and each refusal is counted on {@code /metrics}. The rate is the lowest there is,
 * one a second, and every test allows one more connect per second it took, so a slow machine does not make
 * it fail. Each test gets a fresh node, so a fresh allowance.
 */
class ConnectLimitIT {

    private static final int BURST = 3;
    private static final int MAX_ATTEMPTS = 50;
    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    private EdgeNode node;
    private BoundPorts ports;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void startNode() throws Exception {
        EdgeConfig config = EdgeConfig.builder()
                .nodeId(new NodeId("edge-limit-it"))
                .bindHost("127.0.0.1")
                .wsPort(0).tcpPort(0).adminPort(0)
                .redisUri(REDIS.uri())
                .connectRatePerIp(1)
                .connectBurstPerIp(BURST)
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
        node = new EdgeNode(config, Clock.systemUTC());
        ports = node.start();
    }

    @AfterEach
    void stopNode() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        node.close();
    }

    @Test
    void closesATcpConnectionOverTheLimitAtOnceAndCountsIt() throws Exception {
        long started = System.nanoTime();

        int admitted = tcpConnectsUntilRefused();

        assertWithinAllowance(admitted, BURST, started);
        assertThat(metric("edge_connects_limited_total{transport=\"tcp\"}")).isEqualTo(1.0);
    }

    @Test
    void answersAWebSocketUpgradeOverTheLimitWith429AndRetryAfter() throws Exception {
        long started = System.nanoTime();
        WebSocketHandshakeException refusal = null;
        int admitted = 0;
        while (refusal == null && admitted < MAX_ATTEMPTS) {
            try {
                clients.add(WsTestClient.connect(ports.ws()));
                admitted++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
                refusal = (WebSocketHandshakeException) e.getCause();
            }
        }

        assertWithinAllowance(admitted, BURST, started);
        assertThat(refusal).isNotNull();
        assertThat(refusal.getResponse().statusCode()).isEqualTo(429);
        assertThat(refusal.getResponse().headers().firstValue("Retry-After")).contains("1");
        assertThat(metric("edge_connects_limited_total{transport=\"websocket\"}")).isEqualTo(1.0);
    }

    @Test
    void countsBothTransportsAgainstOneAllowancePerAddress() throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < BURST; i++) {
            clients.add(WsTestClient.connect(ports.ws()));
        }

        int admitted = tcpConnectsUntilRefused();

        assertWithinAllowance(admitted, 0, started);
    }

    /** Opens and authenticates TCP connections until one is closed by the server; returns how many were not. */
    private int tcpConnectsUntilRefused() throws IOException {
        for (int admitted = 0; admitted < MAX_ATTEMPTS; admitted++) {
            TcpTestClient client = new TcpTestClient(ports.tcp());
            clients.add(client);
            Frame answer;
            try {
                answer = client.auth(tokens.valid(300 + admitted, "tcp"));
            } catch (SocketException e) {
                // A reset instead of an orderly close: the server closed before reading what we wrote.
                answer = null;
            }
            if (answer == null) {
                return admitted;
            }
            assertThat(answer).isInstanceOf(Frame.AuthOk.class);
        }
        throw new AssertionError("no connect refused in " + MAX_ATTEMPTS + " attempts");
    }

    /** At least {@code burst} admitted, and no more than the burst plus one per second since {@code started}. */
    private static void assertWithinAllowance(int admitted, int burst, long started) {
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(admitted).isBetween(burst, burst + (int) seconds + 1);
    }

    private double metric(String series) throws Exception {
        return AdminMetrics.read(ports.admin(), series);
    }
}
