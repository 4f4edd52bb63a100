package io.pushfleet.edge.it;

import io.pushfleet.edge.bootstrap.BoundPorts;
import io.pushfleet.edge.bootstrap.EdgeConfig;
import io.pushfleet.edge.bootstrap.EdgeNode;
import io.pushfleet.edge.testing.TcpTestClient;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN 3.10 against a real redis-server: the control plane's drain and undrain (played by the test: the mark
 * in {@code nodes:draining}, then the command) move raw TCP clients away at no more than the rate, take the
 * node out of readiness and the registry, and are reversed; a mark survives a restart; shutdown drains first.
 */
class DrainIT {

    private static final int RATE = 10;
    private static final int CLIENTS = 30;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    private final HttpClient http = HttpClient.newHttpClient();

    private static EdgeConfig config(String nodeId, Duration drainTimeout) {
        return config(nodeId, drainTimeout, Duration.ofSeconds(3));
    }

    private static EdgeConfig config(String nodeId, Duration drainTimeout, Duration drainGrace) {
        return EdgeConfig.builder()
                .nodeId(new NodeId(nodeId))
                .bindHost("127.0.0.1")
                .wsPort(0).tcpPort(0).adminPort(0)
                .redisUri(REDIS.uri())
                .registryInterval(Duration.ofMillis(300))
                .shutdownTimeout(Duration.ofSeconds(5))
                .drainRate(RATE)
                .drainJitter(Duration.ofSeconds(1))
                .drainGrace(drainGrace)
                .drainTimeout(drainTimeout)
                .build();
    }

    @Test
    void drainMovesClientsAtNoMoreThanTheRateAndUndrainReverses() throws Exception {
        // A grace longer than the drain takes, so undrain comes before the first client's grace has passed.
        Duration grace = Duration.ofSeconds(6);
        try (EdgeNode node = new EdgeNode(config("edge-drain-a", Duration.ofSeconds(2), grace), Clock.systemUTC())) {
            BoundPorts ports = node.start();
            List<TcpTestClient> clients = connect(ports.tcp(), 1000, CLIENTS);
            ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
            try {
                await().atMost(WAIT).until(() -> ready(ports) == 200);
                List<Future<Long>> arrivals = new ArrayList<>();
                for (TcpTestClient client : clients) {
                    arrivals.add(readers.submit(() -> awaitReconnect(client)));
                }

                long drainedAt = System.nanoTime();
                command(node.nodeId(), true);

                await().atMost(WAIT).until(() -> ready(ports) == 503);
                assertThat(readyBody(ports)).contains("node is drained by an operator");
                await().atMost(WAIT).until(() -> reportedState(node.nodeId()) == NodeState.DRAINING);
                // DESIGN 3.10: nothing else stops; a push to a client still here is written.
                pushTo(node.nodeId(), ports.tcp(), 1000 + CLIENTS);
                List<Long> millis = new ArrayList<>();
                for (Future<Long> arrival : arrivals) {
                    millis.add((arrival.get() - drainedAt) / 1_000_000);
                }
                Collections.sort(millis);

                assertThat(maxInAnySecond(millis)).as("reconnects per second, arrival times %s", millis)
                        .isLessThanOrEqualTo(RATE + 1);
                // An empty bucket at the start refills at rate - 1 per 1.1 s: 30 clients take at least 3 s.
                assertThat(millis.getLast()).isGreaterThanOrEqualTo(2_900);
                assertThat(metric(ports, "edge_drain_reconnects_total")).as("the clients and the one in pushTo")
                        .isEqualTo(CLIENTS + 1);
                assertThat(metric(ports, "edge_draining")).isEqualTo(1);

                command(node.nodeId(), false);

                await().atMost(WAIT).until(() -> ready(ports) == 200);
                await().atMost(WAIT).until(() -> reportedState(node.nodeId()) == NodeState.UP);
                assertThat(metric(ports, "edge_draining")).isZero();
                // Undrain called the grace off: once the first client's grace has passed, every client is still served.
                await().atMost(WAIT).until(() -> System.nanoTime() - drainedAt > grace.plusSeconds(1).toNanos());
                for (TcpTestClient client : clients) {
                    client.send(new Frame.Ping());
                    assertThat(client.read()).isEqualTo(new Frame.Pong());
                }
            } finally {
                readers.shutdownNow();
                closeAll(clients);
            }
        }
    }

    @Test
    void aClientThatIgnoresTheReconnectIsClosedWithGoingAwayAfterTheGrace() throws Exception {
        try (EdgeNode node = new EdgeNode(config("edge-drain-b", Duration.ofSeconds(2)), Clock.systemUTC());
             TcpTestClient client = connectOne(node.start().tcp(), 2000)) {
            command(node.nodeId(), true);

            assertThat(awaitFrame(client)).isInstanceOf(Frame.Reconnect.class);
            Frame farewell = awaitFrame(client);

            assertThat(farewell).isInstanceOf(Frame.Error.class);
            assertThat(((Frame.Error) farewell).code()).isEqualTo(CloseCode.GOING_AWAY.code());
            assertThat(client.read()).isNull();
            REDIS.sync().hdel(RedisKeys.DRAINING, node.nodeId().value());
        }
    }

    // DESIGN 3.10: the mark outlives the node's run; the node also follows it without a command.
    @Test
    void aNodeStartingWithADrainMarkStaysDrainedUntilTheMarkGoes() throws Exception {
        NodeId id = new NodeId("edge-drain-c");
        REDIS.sync().hset(RedisKeys.DRAINING, id.value(), "1764000000000");
        try (EdgeNode node = new EdgeNode(config(id.value(), Duration.ofSeconds(2)), Clock.systemUTC())) {
            BoundPorts ports = node.start();

            await().atMost(WAIT).until(() -> REDIS.sync().get(RedisKeys.nodeInfo(id)) != null);
            assertThat(reportedState(id)).isEqualTo(NodeState.DRAINING);
            assertThat(ready(ports)).isEqualTo(503);
            try (TcpTestClient late = new TcpTestClient(ports.tcp())) {
                assertThat(late.auth(tokens.valid(3000, "d"))).isInstanceOf(Frame.AuthOk.class);
                assertThat(late.read()).isInstanceOf(Frame.Reconnect.class);
            }

            REDIS.sync().hdel(RedisKeys.DRAINING, id.value());

            await().atMost(WAIT).until(() -> ready(ports) == 200);
            await().atMost(WAIT).until(() -> reportedState(id) == NodeState.UP);
        }
    }

    @Test
    void shutdownAsksClientsToReconnectBeforeItClosesThem() throws Exception {
        EdgeNode node = new EdgeNode(config("edge-drain-d", Duration.ofSeconds(1)), Clock.systemUTC());
        try (TcpTestClient stays = connectOne(node.start().tcp(), 4000)) {
            Thread closing = Thread.ofPlatform().start(node::close);

            Frame first = awaitFrame(stays);
            assertThat(first).isInstanceOf(Frame.Reconnect.class);
            assertThat(((Frame.Reconnect) first).reason()).isEqualTo("node shutting down");
            assertThat(awaitFrame(stays)).isEqualTo(new Frame.Error(CloseCode.GOING_AWAY, "node shutting down"));
            closing.join(WAIT.toMillis());
            assertThat(closing.isAlive()).isFalse();
        } finally {
            node.close();
        }
    }

    private static List<TcpTestClient> connect(int port, long firstUser, int count) throws IOException {
        List<TcpTestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(connectOne(port, firstUser + i));
        }
        return clients;
    }

    private static TcpTestClient connectOne(int port, long userId) throws IOException {
        TcpTestClient client = new TcpTestClient(port);
        assertThat(client.auth(tokens.valid(userId, "d"))).isInstanceOf(Frame.AuthOk.class);
        return client;
    }

    /** Plays the control plane: the mark first, then the command, as {@code POST .../drain} and {@code /undrain} do. */
    private static void command(NodeId nodeId, boolean drain) {
        if (drain) {
            REDIS.sync().hset(RedisKeys.DRAINING, nodeId.value(), Long.toString(System.currentTimeMillis()));
        } else {
            REDIS.sync().hdel(RedisKeys.DRAINING, nodeId.value());
        }
        REDIS.sync().xadd(RedisKeys.nodeStream(nodeId), Map.of(NodeCommands.TYPE, drain ? NodeCommands.DRAIN : NodeCommands.UNDRAIN));
    }

    /** A push on the node's stream to one more client, connected after the drain began, which must still get it. */
    private static void pushTo(NodeId nodeId, int tcpPort, long userId) throws IOException {
        try (TcpTestClient client = new TcpTestClient(tcpPort)) {
            assertThat(client.auth(tokens.valid(userId, "d"))).isInstanceOf(Frame.AuthOk.class);
            assertThat(awaitFrame(client)).as("asked right after auth_ok").isInstanceOf(Frame.Reconnect.class);
            await().atMost(WAIT).until(() -> REDIS.sync().hget(RedisKeys.route(new UserId(userId)), "d") != null);
            PushCommand push = new PushCommand(new MessageId(77), 0, new RawJson("\"still here\""), false, null,
                    List.of(new UserId(userId)), false, "trace-drain");
            REDIS.sync().xadd(RedisKeys.nodeStream(nodeId), push.toFields());

            Frame got = awaitFrame(client);
            assertThat(got).isInstanceOf(Frame.Push.class);
            assertThat(((Frame.Push) got).body().json()).isEqualTo("\"still here\"");
        }
    }

    /** Reads until a {@code reconnect} arrives (answering nothing) and returns when, in nanos. */
    private static long awaitReconnect(TcpTestClient client) throws IOException {
        while (true) {
            Frame f = awaitFrame(client);
            if (f instanceof Frame.Reconnect) {
                return System.nanoTime();
            }
            if (f == null) {
                throw new AssertionError("closed before a reconnect");
            }
        }
    }

    /** The next frame, waiting past the client's 5 s read timeout. */
    private static Frame awaitFrame(TcpTestClient client) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return client.read();
            } catch (java.net.SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static int maxInAnySecond(List<Long> sortedMillis) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < sortedMillis.size(); end++) {
            while (sortedMillis.get(end) - sortedMillis.get(start) >= 1000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    private static NodeState reportedState(NodeId id) {
        String json = REDIS.sync().get(RedisKeys.nodeInfo(id));
        return json == null ? null : NodeInfo.fromJson(json).state();
    }

    private int ready(BoundPorts ports) throws Exception {
        return admin(ports, "/health/ready").statusCode();
    }

    private String readyBody(BoundPorts ports) throws Exception {
        return admin(ports, "/health/ready").body();
    }

    private double metric(BoundPorts ports, String name) throws Exception {
        for (String line : admin(ports, "/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private HttpResponse<String> admin(BoundPorts ports, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.admin() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void closeAll(List<TcpTestClient> clients) throws IOException {
        for (TcpTestClient client : clients) {
            client.close();
        }
    }
}
