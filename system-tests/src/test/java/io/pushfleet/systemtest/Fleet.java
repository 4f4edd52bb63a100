package io.pushfleet.systemtest;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pushfleet.localstack.LocalStack;
import io.pushfleet.model.id.NodeId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The system under test: real Redis and MariaDB from local-stack, one control plane and two edge
 * processes started from their packaged jars on ephemeral loopback ports. The edges use short
 * heartbeat, auth and drain timeouts so eviction and shutdown are observable within a test.
 */
final class Fleet implements AutoCloseable {

    /** Redis database of these tests, so nothing left by other modules' tests is seen here. */
    static final int REDIS_DB = 3;
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final int HEARTBEAT_MISSES = 2;
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);

    /** One edge process and where it listens. */
    record Edge(NodeId nodeId, int wsPort, int tcpPort, int adminPort, FleetProcess process) {
        URI wsUrl() {
            return URI.create("ws://127.0.0.1:" + wsPort + "/ws");
        }

        URI adminUrl(String path) {
            return URI.create("http://127.0.0.1:" + adminPort + path);
        }
    }

    private final Path root;
    private final Path logs;
    private final LocalStack stack;
    private final String adminKey = "sys-" + UUID.randomUUID().toString().replace("-", "");
    /** A key of the read role ({@code push.admin.read-keys}): the GET views only. */
    private final String readKey = "sys-read-" + UUID.randomUUID().toString().replace("-", "");
    private final List<Edge> edges = new ArrayList<>();
    /** Edges a test starts for itself (to kill, say); not in {@link #edges()}, stopped with the fleet. */
    private final List<Edge> spares = new ArrayList<>();
    private FleetProcess controlPlane;
    private URI controlPlaneUri;

    private Fleet(Path root, Path logs) {
        this.root = root;
        this.logs = logs;
        this.stack = LocalStack.forTests();
    }

    static Fleet start() throws Exception {
        Path root = Path.of(System.getProperty("pushfleet.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pushfleet.logs", "target/fleet-logs")).toAbsolutePath();
        Fleet fleet = new Fleet(root, logs);
        try {
            fleet.startAll();
        } catch (Exception | AssertionError e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void startAll() throws Exception {
        stack.start();
        flushRedisDb();
        startControlPlane();
        edges.add(startEdge("sys-edge-a"));
        edges.add(startEdge("sys-edge-b"));
        for (Edge edge : edges) {
            awaitHttpOk(edge.adminUrl("/health/ready"), edge.process());
        }
    }

    String redisUri() {
        return stack.redisUri() + "/" + REDIS_DB;
    }

    private void flushRedisDb() {
        RedisClient client = RedisClient.create(redisUri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }

    private void startControlPlane() throws Exception {
        int port = FreePorts.next();
        controlPlaneUri = URI.create("http://127.0.0.1:" + port + "/");
        launchControlPlane();
    }

    /** Kills the control plane with SIGKILL, as in a crash, and starts it again on the same port. */
    void crashAndRestartControlPlane() throws Exception {
        controlPlane.kill();
        launchControlPlane();
    }

    private void launchControlPlane() throws IOException {
        controlPlane = FleetProcess.start("control-plane",
                root.resolve("control-plane/target/quarkus-app/quarkus-run.jar"),
                List.of("-Xmx256m"), List.of(),
                Map.ofEntries(Map.entry("QUARKUS_HTTP_PORT", Integer.toString(controlPlaneUri.getPort())),
                        Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                        Map.entry("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl()),
                        Map.entry("QUARKUS_DATASOURCE_USERNAME", stack.dbUser()),
                        Map.entry("QUARKUS_DATASOURCE_PASSWORD", stack.dbPassword()),
                        Map.entry("QUARKUS_REDIS_HOSTS", redisUri()),
                        Map.entry("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap()),
                        Map.entry("PUSH_ADMIN_KEYS", adminKey),
                        Map.entry("PUSH_ADMIN_READ_KEYS", readKey),
                        // The cheapest cost bcrypt has, which a control plane accepts only for a test fleet:
                        // these tests log thousands of users in (cost 10 is ~100 ms of a core per login).
                        Map.entry("PUSH_AUTH_BCRYPT_COST", "4"),
                        Map.entry("PUSH_AUTH_ALLOW_TEST_BCRYPT_COST", "true"),
                        // These tests expect new users to alternate between the two edges (Users.online);
                        // auto weights would follow the load of a shared test box instead.
                        Map.entry("PUSH_ROUTING_STRATEGY", "round-robin"),
                        // Every test client is 127.0.0.1 and many log in: no login or registration limits.
                        Map.entry("PUSH_AUTH_RATE_LIMIT_LOGIN_PER_IP", "0"),
                        Map.entry("PUSH_AUTH_RATE_LIMIT_LOGIN_PER_USER", "0"),
                        Map.entry("PUSH_AUTH_RATE_LIMIT_REGISTER_PER_IP", "0"),
                        // A crashed router's claim on a task lapses after the lease; short here so
                        // recovery is observable within a test (production: 60s).
                        Map.entry("PUSH_TASKS_LEASE", "5s"),
                        Map.entry("PUSH_TASKS_RECOVERY_INTERVAL", "1s"),
                        // Route audits every second, so a crashed edge's routes go soon after its registry entry.
                        Map.entry("PUSH_AUDIT_INTERVAL", "1s"),
                        Map.entry("PUSH_TOKEN_KEY_FILE", logs.resolve("signing-keys.json").toString()),
                        Map.entry("PUSH_TOKEN_GENERATE_IF_MISSING", "true")),
                logs);
        awaitHttpOk(controlPlaneUri.resolve("/health/ready"), controlPlane);
    }

    /** Starts an edge process with the given node id on fresh ports, and waits until it is ready. */
    Edge startEdge(String nodeId) throws IOException {
        return startEdge(nodeId, Map.of());
    }

    /** {@link #startEdge(String)} with settings of its own: {@code env} adds to or overrides the fleet's. */
    private Edge startEdge(String nodeId, Map<String, String> env) throws IOException {
        int ws = FreePorts.next();
        int tcp = FreePorts.next();
        int admin = FreePorts.next();
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("EDGE_NODE_ID", nodeId),
                Map.entry("EDGE_BIND_HOST", "127.0.0.1"),
                Map.entry("EDGE_ADVERTISED_HOST", "127.0.0.1"),
                Map.entry("EDGE_WS_PORT", Integer.toString(ws)),
                Map.entry("EDGE_TCP_PORT", Integer.toString(tcp)),
                Map.entry("EDGE_ADMIN_PORT", Integer.toString(admin)),
                Map.entry("EDGE_REDIS_URI", redisUri()),
                Map.entry("EDGE_KAFKA_BOOTSTRAP", stack.kafkaBootstrap()),
                Map.entry("EDGE_HEARTBEAT_INTERVAL", HEARTBEAT.toString()),
                Map.entry("EDGE_HEARTBEAT_MISSES", Integer.toString(HEARTBEAT_MISSES)),
                Map.entry("EDGE_AUTH_TIMEOUT", AUTH_TIMEOUT.toString()),
                // Every test client is 127.0.0.1: no per-address connect limit.
                Map.entry("EDGE_CONNECT_RATE_PER_IP", "0"),
                // Shutdown drains first (DESIGN 3.10); short here so a stopping edge is quick to observe.
                Map.entry("EDGE_DRAIN_TIMEOUT", DRAIN_TIMEOUT.toString()),
                Map.entry("EDGE_DRAIN_JITTER", "1s"),
                Map.entry("EDGE_DRAIN_GRACE", "5s")));
        settings.putAll(env);
        FleetProcess process = FleetProcess.start(nodeId, root.resolve("edge-native/target/edge.jar"),
                List.of("-Xmx128m"), List.of(), settings, logs);
        Edge edge = new Edge(new NodeId(nodeId), ws, tcp, admin, process);
        awaitHttpOk(edge.adminUrl("/health/ready"), process);
        return edge;
    }

    /** Starts one more edge that only the calling test uses; the other tests keep seeing the two of {@link #edges()}. */
    Edge startSpareEdge(String nodeId) throws IOException {
        return startSpareEdge(nodeId, Map.of());
    }

    /** {@link #startSpareEdge(String)} with edge settings of its own ({@code EDGE_DRAIN_RATE}, say). */
    Edge startSpareEdge(String nodeId, Map<String, String> env) throws IOException {
        Edge edge = startEdge(nodeId, env);
        spares.add(edge);
        // Ready is the edge's own view; logins offer it only once the control plane has seen its first report.
        await("selectable: " + nodeId).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().selectable(nodeId));
        return edge;
    }

    URI controlPlane() {
        return controlPlaneUri;
    }

    /** The repository's root directory. */
    Path root() {
        return root;
    }

    String adminKey() {
        return adminKey;
    }

    String readKey() {
        return readKey;
    }

    AdminApi admin() {
        return new AdminApi(controlPlaneUri, adminKey);
    }

    /** The REST API as a logged-in user: their access token as the bearer. */
    AdminApi asUser(String accessToken) {
        return new AdminApi(controlPlaneUri, accessToken);
    }

    List<Edge> edges() {
        return List.copyOf(edges);
    }

    Edge edge(NodeId nodeId) {
        return edges.stream().filter(e -> e.nodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no edge " + nodeId));
    }

    private static void awaitHttpOk(URI uri, FleetProcess process) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        await("ready: " + uri).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited during start-up:\n" + process.logTail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() throws Exception {
        for (Edge edge : edges) {
            edge.process().close();
        }
        for (Edge edge : spares) {
            edge.process().close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }
}
