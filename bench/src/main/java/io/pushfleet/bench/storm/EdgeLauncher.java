package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.EdgeEndpoint;
import io.pushfleet.model.id.NodeId;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Starts edge processes for a storm with the edge's own launch script ({@code edge-native/bin/edge}, so its
 * default JVM options apply unless {@code javaOpts} replaces them through {@code EDGE_JAVA_OPTS}, followed by
 * {@code javaOptsAppend} through {@code EDGE_JAVA_OPTS_APPEND}), on loopback, with ports the edge picks (or,
 * with SO_REUSEPORT, one shared WebSocket and one shared TCP port), the token public keys from the signing key
 * file (no control plane needed), and each edge's output in {@code <runDir>/<nodeId>.log}. {@link #stop()} stops
 * them all: SIGTERM, then SIGKILL for an edge still running {@link #STOP_GRACE} later. The edges get a long
 * shutdown timeout, so that at the end of a large run (tens of edges on a loaded box, each removing ~19,000
 * routes) they take their routes out of Redis before they exit.
 */
final class EdgeLauncher {

    /** How to start the edges; null or 0 settings leave the edge's own default. */
    record Launch(Path script, String javaOpts, String javaOptsAppend, String redisUri, Path jwksFile, Duration heartbeat,
                  int ioThreads, boolean reusePort, Path runDir, Duration readyTimeout) {
        Launch {
            requireNonNull(script, "script");
            requireNonNull(redisUri, "redisUri");
            requireNonNull(jwksFile, "jwksFile");
            requireNonNull(runDir, "runDir");
            requireNonNull(readyTimeout, "readyTimeout");
        }
    }

    /** Spawned edges' drain: their clients are the workers, stopped before the edges. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** Spawned edges' shutdown timeout; a quarter of it bounds the final removal of their routes. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);
    /** From SIGTERM to SIGKILL: the edge's own watchdog (drain + shutdown timeout + 5 s) and a margin. */
    static final Duration STOP_GRACE = DRAIN_TIMEOUT.plus(SHUTDOWN_TIMEOUT).plusSeconds(15);

    private final Launch launch;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    EdgeLauncher(Launch launch) {
        this.launch = requireNonNull(launch, "launch");
    }

    /** Starts {@code count} edges named {@code <prefix>-0 ..} and waits until every one is ready. */
    List<StormEdge> start(String prefix, int count) throws IOException, InterruptedException {
        if (!Files.isExecutable(launch.script())) {
            throw new IOException(launch.script() + " is missing or not executable (the edge's launch script; --edge-script)");
        }
        Files.createDirectories(launch.runDir());
        int sharedWs = launch.reusePort() ? freePort() : 0;
        int sharedTcp = launch.reusePort() ? freePort() : 0;
        List<Path> portFiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String nodeId = prefix + "-" + i;
            Path ports = launch.runDir().resolve(nodeId + ".ports");
            Files.deleteIfExists(ports);
            portFiles.add(ports);
            ProcessBuilder pb = new ProcessBuilder(launch.script().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(launch.runDir().resolve(nodeId + ".log").toFile());
            pb.environment().putAll(environment(nodeId, ports, sharedWs, sharedTcp));
            processes.put(nodeId, pb.start());
        }
        List<StormEdge> edges = new ArrayList<>();
        long deadline = System.nanoTime() + launch.readyTimeout().toNanos();
        for (int i = 0; i < count; i++) {
            String nodeId = prefix + "-" + i;
            edges.add(awaitReady(nodeId, processes.get(nodeId), portFiles.get(i), deadline));
        }
        return edges;
    }

    private Map<String, String> environment(String nodeId, Path portsFile, int ws, int tcp) {
        Map<String, String> env = new HashMap<>();
        env.put("EDGE_NODE_ID", nodeId);
        env.put("EDGE_BIND_HOST", "127.0.0.1");
        env.put("EDGE_ADVERTISED_HOST", "127.0.0.1");
        env.put("EDGE_WS_PORT", Integer.toString(ws));
        env.put("EDGE_TCP_PORT", Integer.toString(tcp));
        env.put("EDGE_ADMIN_PORT", "0");
        env.put("EDGE_PORTS_FILE", portsFile.toString());
        env.put("EDGE_REDIS_URI", launch.redisUri());
        env.put("EDGE_JWKS_FILE", launch.jwksFile().toString());
        env.put("EDGE_CAPACITY", "1000000");
        // Every worker connects from a few loopback addresses, thousands a second: the per-address limit is off.
        env.put("EDGE_CONNECT_RATE_PER_IP", "0");
        env.put("EDGE_DRAIN_TIMEOUT", DRAIN_TIMEOUT.toSeconds() + "s");
        env.put("EDGE_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
        if (launch.reusePort()) {
            env.put("EDGE_REUSE_PORT", "true");
        }
        if (launch.heartbeat() != null) {
            env.put("EDGE_HEARTBEAT_INTERVAL", launch.heartbeat().toMillis() + "ms");
        }
        if (launch.ioThreads() > 0) {
            env.put("EDGE_IO_THREADS", Integer.toString(launch.ioThreads()));
        }
        if (launch.javaOpts() != null && !launch.javaOpts().isBlank()) {
            env.put("EDGE_JAVA_OPTS", launch.javaOpts());
        }
        if (launch.javaOptsAppend() != null && !launch.javaOptsAppend().isBlank()) {
            env.put("EDGE_JAVA_OPTS_APPEND", launch.javaOptsAppend());
        }
        return env;
    }

    private StormEdge awaitReady(String nodeId, Process process, Path portsFile, long deadline)
            throws IOException, InterruptedException {
        Path log = launch.runDir().resolve(nodeId + ".log");
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("edge " + nodeId + " exited with " + process.exitValue() + " during start-up; see " + log);
            }
            if (Files.exists(portsFile)) {
                Properties ports = new Properties();
                try (var in = Files.newInputStream(portsFile)) {
                    ports.load(in);
                }
                URI admin = URI.create("http://127.0.0.1:" + ports.getProperty("admin") + "/");
                if (ready(admin)) {
                    int tcp = Integer.parseInt(ports.getProperty("tcp"));
                    URI ws = URI.create("ws://127.0.0.1:" + ports.getProperty("ws") + "/ws");
                    return new StormEdge(new EdgeEndpoint(new NodeId(nodeId), "127.0.0.1", tcp, ws), admin, process.pid());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("edge " + nodeId + " not ready within " + launch.readyTimeout() + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    private boolean ready(URI admin) throws InterruptedException {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(admin.resolve("/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops every edge; returns the node ids of those killed because they had not exited within {@link #STOP_GRACE}. */
    List<String> stop() {
        processes.values().forEach(p -> p.toHandle().destroy());
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        List<String> killed = new ArrayList<>();
        processes.forEach((nodeId, p) -> {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    killed.add(nodeId);
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
        return killed;
    }
}
