package io.pushfleet.edge.it;

import io.pushfleet.edge.bootstrap.BoundPorts;
import io.pushfleet.edge.bootstrap.ConfigException;
import io.pushfleet.edge.bootstrap.EdgeConfig;
import io.pushfleet.edge.bootstrap.EdgeNode;
import io.pushfleet.edge.testing.TcpTestClient;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import io.pushfleet.edge.testing.WsTestClient;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeConnection;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.redis.RouteValue;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One edge node in-process against a real redis-server: both transports, the route table, replacement on
 * this node, the registry and the admin port. Other nodes are started where a test needs them.
 */
class EdgeNodeIT {

    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    private static EdgeNode node;
    private static BoundPorts ports;

    @BeforeAll
    static void startNode() throws Exception {
        node = new EdgeNode(config("edge-it-a"), Clock.systemUTC());
        ports = node.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static EdgeConfig config(String nodeId) {
        return EdgeConfig.builder()
                .nodeId(new NodeId(nodeId))
                .bindHost("127.0.0.1")
                .wsPort(0).tcpPort(0).adminPort(0)
                .redisUri(REDIS.uri())
                .registryInterval(Duration.ofMillis(200))
                .jwksRefresh(Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void tcpClientAuthenticatesPingsAndItsRouteComesAndGoes() throws Exception {
        RouteValue route;
        try (TcpTestClient client = new TcpTestClient(ports.tcp())) {
            Frame ok = client.auth(tokens.valid(101, "tcp-1"));
            assertThat(ok).isEqualTo(new Frame.AuthOk(new UserId(101), new DeviceId("tcp-1"), node.nodeId(), Duration.ofSeconds(30)));

            route = awaitRoute(101, "tcp-1");
            assertThat(route.nodeId()).isEqualTo(node.nodeId());
            assertThat(route.bootEpoch()).isEqualTo(node.bootEpoch());
            assertThat(REDIS.sync().sismember(RedisKeys.nodeConnections(node.nodeId()),
                    new NodeConnection(new UserId(101), new DeviceId("tcp-1"), route.bootEpoch(), route.connId()).format())).isTrue();

            client.send(new Frame.Ping());
            assertThat(client.read()).isEqualTo(new Frame.Pong());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().hget(RedisKeys.route(new UserId(101)), "tcp-1") == null);
        assertThat(REDIS.sync().sismember(RedisKeys.nodeConnections(node.nodeId()),
                new NodeConnection(new UserId(101), new DeviceId("tcp-1"), route.bootEpoch(), route.connId()).format())).isFalse();
    }

    @Test
    void webSocketClientAuthenticatesWithAnAuthFrameAndPings() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(ports.ws())) {
            ws.sendText("{\"type\":\"auth\",\"token\":\"" + tokens.valid(102, "web-1") + "\"}");
            assertThat(ws.nextText()).contains("\"type\":\"auth_ok\"").contains("\"nodeId\":\"edge-it-a\"");

            ws.sendText("{\"type\":\"ping\"}");
            assertThat(ws.nextText()).isEqualTo("{\"v\":1,\"type\":\"pong\"}");
            assertThat(awaitRoute(102, "web-1").nodeId()).isEqualTo(node.nodeId());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().hget(RedisKeys.route(new UserId(102)), "web-1") == null);
    }

    @Test
    void webSocketClientAuthenticatesWithABearerHeader() throws Exception {
        try (WsTestClient ws = WsTestClient.connectWithBearer(ports.ws(), tokens.valid(103, "native-1"))) {
            assertThat(ws.nextText()).contains("\"type\":\"auth_ok\"").contains("\"userId\":103");
            assertThat(awaitRoute(103, "native-1").nodeId()).isEqualTo(node.nodeId());
        }
    }

    @Test
    void webSocketClientWithABadTokenIsClosedWithAuthFailed() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(ports.ws())) {
            ws.sendText("{\"type\":\"auth\",\"token\":\"" + tokens.wronglySigned(104, "web-1") + "\"}");

            assertThat(ws.closeCode().get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(CloseCode.AUTH_FAILED.code());
        }
    }

    // PROTOCOL 3.2: the same user and device again on this node replaces the older connection.
    @Test
    void secondConnectionOfTheSameDeviceReplacesTheFirst() throws Exception {
        try (TcpTestClient first = new TcpTestClient(ports.tcp()); TcpTestClient second = new TcpTestClient(ports.tcp())) {
            assertThat(first.auth(tokens.valid(105, "dev"))).isInstanceOf(Frame.AuthOk.class);
            RouteValue firstRoute = awaitRoute(105, "dev");

            assertThat(second.auth(tokens.valid(105, "dev"))).isInstanceOf(Frame.AuthOk.class);

            assertThat(first.read()).isEqualTo(new Frame.Error(CloseCode.REPLACED, "replaced by a newer connection of the same device"));
            assertThat(first.read()).as("first connection closed").isNull();
            // The first's disconnect has run its compare-and-delete once its set member is gone.
            String firstMember = new NodeConnection(new UserId(105), new DeviceId("dev"), firstRoute.bootEpoch(), firstRoute.connId()).format();
            await().atMost(Duration.ofSeconds(5)).until(() -> !REDIS.sync().sismember(RedisKeys.nodeConnections(node.nodeId()), firstMember));
            RouteValue now = RouteValue.parse(REDIS.sync().hget(RedisKeys.route(new UserId(105)), "dev"));
            assertThat(now.connId()).isNotEqualTo(firstRoute.connId());
            assertThat(now.nodeId()).isEqualTo(node.nodeId());

            second.send(new Frame.Ping());
            assertThat(second.read()).isEqualTo(new Frame.Pong());
        }
    }

    // PROTOCOL 3.2: a connection on another node is replaced through that node's command stream.
    @Test
    void connectionOnAnotherNodeIsKickedThroughItsCommandStream() throws Exception {
        try (EdgeNode other = new EdgeNode(config("edge-it-b"), Clock.systemUTC())) {
            BoundPorts otherPorts = other.start();
            try (TcpTestClient onA = new TcpTestClient(ports.tcp()); TcpTestClient onB = new TcpTestClient(otherPorts.tcp())) {
                assertThat(onA.auth(tokens.valid(106, "dev"))).isInstanceOf(Frame.AuthOk.class);
                awaitRoute(106, "dev");

                assertThat(onB.auth(tokens.valid(106, "dev"))).isInstanceOf(Frame.AuthOk.class);

                Frame kicked = onA.read();
                assertThat(kicked).isInstanceOf(Frame.Error.class);
                assertThat(((Frame.Error) kicked).code()).isEqualTo(CloseCode.REPLACED.code());
                assertThat(onA.read()).isNull();
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(RouteValue.parse(REDIS.sync().hget(RedisKeys.route(new UserId(106)), "dev")).nodeId()).isEqualTo(other.nodeId()));
                onB.send(new Frame.Ping());
                assertThat(onB.read()).isEqualTo(new Frame.Pong());
            }
        }
    }

    // DESIGN 3.4: a restarted node fences the routes its earlier run left, by compare-and-delete.
    @Test
    void removesRoutesLeftByAnEarlierRunWhenItStarts() throws Exception {
        NodeId id = new NodeId("edge-it-c");
        String set = RedisKeys.nodeConnections(id);
        REDIS.sync().sadd(set, "301:dev:1000:5", "302:dev:1000:6");
        REDIS.sync().hset(RedisKeys.route(new UserId(301)), "dev", "edge-it-c:1000:5");
        REDIS.sync().hset(RedisKeys.route(new UserId(302)), "dev", "edge-elsewhere:77:1");

        try (EdgeNode restarted = new EdgeNode(config(id.value()), Clock.systemUTC())) {
            restarted.start();

            assertThat(REDIS.sync().hget(RedisKeys.route(new UserId(301)), "dev")).isNull();
            assertThat(REDIS.sync().hget(RedisKeys.route(new UserId(302)), "dev")).as("newer route kept").isEqualTo("edge-elsewhere:77:1");
            assertThat(REDIS.sync().smembers(set)).isEmpty();
        }
    }

    @Test
    void refusesToStartWhileAnotherLiveNodeReportsTheSameId() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().get(RedisKeys.nodeInfo(node.nodeId())) != null);
        try (TcpTestClient client = new TcpTestClient(ports.tcp())) {
            assertThat(client.auth(tokens.valid(107, "dev"))).isInstanceOf(Frame.AuthOk.class);
            RouteValue live = awaitRoute(107, "dev");

            try (EdgeNode twin = new EdgeNode(config(node.nodeId().value()), Clock.systemUTC())) {
                assertThatThrownBy(twin::start)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("--node-id (EDGE_NODE_ID): 'edge-it-a'");
            }

            assertThat(REDIS.sync().hget(RedisKeys.route(new UserId(107)), "dev")).as("the live node's route").isEqualTo(live.format());
            client.send(new Frame.Ping());
            assertThat(client.read()).isEqualTo(new Frame.Pong());
        }
    }

    // DESIGN 6: SO_REUSEPORT lets several edge workers share the client ports.
    @Test
    void twoNodesShareTheClientPortsWithReusePort() throws Exception {
        int ws;
        int tcp;
        try (java.net.ServerSocket a = new java.net.ServerSocket(0); java.net.ServerSocket b = new java.net.ServerSocket(0)) {
            ws = a.getLocalPort();
            tcp = b.getLocalPort();
        }
        try (EdgeNode first = new EdgeNode(reusing("edge-it-r1", ws, tcp), Clock.systemUTC());
             EdgeNode second = new EdgeNode(reusing("edge-it-r2", ws, tcp), Clock.systemUTC())) {
            BoundPorts p1 = first.start();
            BoundPorts p2 = second.start();

            assertThat(p2.tcp()).isEqualTo(p1.tcp()).isEqualTo(tcp);
            assertThat(p2.ws()).isEqualTo(p1.ws()).isEqualTo(ws);
            assertThat(p2.admin()).isNotEqualTo(p1.admin());
            for (int i = 0; i < 4; i++) {
                try (TcpTestClient client = new TcpTestClient(tcp)) {
                    assertThat(client.auth(tokens.valid(400 + i, "dev"))).isInstanceOf(Frame.AuthOk.class);
                }
            }
        }
    }

    private static EdgeConfig reusing(String nodeId, int ws, int tcp) {
        return EdgeConfig.builder()
                .nodeId(new NodeId(nodeId))
                .bindHost("127.0.0.1")
                .wsPort(ws).tcpPort(tcp).adminPort(0)
                .reusePort(true)
                .redisUri(REDIS.uri())
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void registryEntryDescribesTheNode() {
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().get(RedisKeys.nodeInfo(node.nodeId())) != null);
        NodeInfo info = NodeInfo.fromJson(REDIS.sync().get(RedisKeys.nodeInfo(node.nodeId())));

        assertThat(info.nodeId()).isEqualTo(node.nodeId());
        assertThat(info.bootEpoch()).isEqualTo(node.bootEpoch());
        assertThat(info.state()).isEqualTo(NodeState.UP);
        assertThat(info.wsUrl()).isEqualTo("ws://127.0.0.1:" + ports.ws() + "/ws");
        assertThat(info.tcpPort()).isEqualTo(ports.tcp());
        assertThat(info.adminUrl()).isEqualTo("http://127.0.0.1:" + ports.admin());
        assertThat(info.heapMaxBytes()).isPositive();
        assertThat(REDIS.sync().pttl(RedisKeys.nodeInfo(node.nodeId()))).isBetween(1L, 600L);
        assertThat(REDIS.sync().zscore(RedisKeys.NODES, node.nodeId().value())).isNotNull();
    }

    @Test
    void adminPortIsReadyAndServesMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(5)).until(() -> get(http, "/health/ready").statusCode() == 200);

        HttpResponse<String> metrics = get(http, "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("edge_connections ").contains("edge_closes_total").contains("edge_frames_in_total");
        assertThat(metrics.body()).contains("edge_stream_delay_seconds_count{stream=\"node\"}")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_cpu_usage")
                .contains("process_uptime_seconds").contains("netty_allocator_memory_used")
                .contains("netty_eventexecutor_tasks_pending")
                .contains("edge_token_signature_provider{provider=\"conscrypt\"} 1.0");
        assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.admin() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static RouteValue awaitRoute(long userId, String deviceId) {
        String key = RedisKeys.route(new UserId(userId));
        await().atMost(Duration.ofSeconds(5)).until(() -> REDIS.sync().hget(key, deviceId) != null);
        return RouteValue.parse(REDIS.sync().hget(key, deviceId));
    }
}
