package io.pushfleet.edge.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real redis-server on a free loopback port for one test class, without persistence (through {@link TestRedis}).
 * The edge's tests keep their own servers instead of local-stack's shared one: a class that counts routes, stream
 * entries or node sets sees only its own keys, and nothing is left for the next class to trip over.
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisServer start() throws IOException {
        String binary = System.getProperty("redis.server", "/usr/bin/redis-server");
        Path logs = Files.createDirectories(Path.of("target", "it"));
        int port = freePort();
        Process p = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("redis-" + port + ".log").toFile())
                .start();
        RedisServer server = new RedisServer(p, port);
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.accepts() || !p.isAlive());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        if (!p.isAlive()) {
            throw new IOException("redis-server exited with " + p.exitValue() + "; see target/it/redis-" + port + ".log");
        }
        return server;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
