package io.pushfleet.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Opens {@link EdgeConnection}s that share one timer thread (heartbeats, connect and close deadlines) and
 * one JDK HTTP client for WebSockets (each such client runs a selector thread, so one per connection would
 * mean a thread per connection). {@link #shared()} serves {@link EdgeConnection#open} and lives as long as
 * the JVM; a {@link PushClient} owns its own and closes it with its connections.
 */
final class EdgeConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeConnector.class);

    private final String name;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<EdgeConnection> connections = ConcurrentHashMap.newKeySet();
    private HttpClient webSockets; // created on first WebSocket use; guarded by this
    private volatile boolean closed;

    EdgeConnector(String name) {
        this.name = requireNonNull(name, "name");
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true); // a forgotten client must not keep the JVM alive
            return t;
        });
        // Cancelled heartbeats leave the queue at once instead of at their next due time.
        timer.setRemoveOnCancelPolicy(true);
    }

    static EdgeConnector shared() {
        return Shared.INSTANCE;
    }

    CompletableFuture<EdgeConnection> open(EdgeAddress edge, String token, ConnectOptions options,
                                           FrameListener listener) {
        requireNonNull(edge, "edge");
        requireNonNull(token, "token");
        requireNonNull(options, "options");
        requireNonNull(listener, "listener");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token: empty (expected: the JWT from login)");
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(name + ": closed"));
        }
        EdgeConnection connection = new EdgeConnection(edge, options, listener, timer, events -> switch (options.transport()) {
            case TCP -> new TcpWire(edge, options, events);
            case WEBSOCKET_JSON, WEBSOCKET_BINARY -> new WebSocketWire(edge, options,
                    options.authInUpgradeHeader() ? token : null, webSockets(), events);
        });
        connections.add(connection);
        connection.closed().whenComplete((r, e) -> connections.remove(connection));
        return connection.start(token);
    }

    private synchronized HttpClient webSockets() {
        if (webSockets == null) {
            webSockets = HttpClient.newHttpClient();
        }
        return webSockets;
    }

    /** The timer every connection opened here shares; sessions schedule their retries on it too. */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** Tasks waiting on the timer: heartbeats and deadlines. For tests that check nothing is left behind. */
    int scheduledTasks() {
        return timer.getQueue().size();
    }

    /** Connections not yet ended. */
    int liveConnections() {
        return connections.size();
    }

    /**
     * Closes every connection gracefully and waits up to {@code wait} for them, drops what is left, then
     * stops the timer and the WebSocket client.
     */
    void close(Duration wait) {
        closed = true;
        List<CompletableFuture<CloseReason>> ends = new ArrayList<>();
        for (EdgeConnection c : connections) {
            c.close();
            ends.add(c.closed());
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("{}: {} connections did not close in {}; dropping them", name, connections.size(), wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(EdgeConnection::abort);
        timer.shutdownNow();
        synchronized (this) {
            if (webSockets != null) {
                webSockets.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        close(ConnectOptions.DEFAULT_CLOSE_TIMEOUT);
    }

    private static final class Shared {
        static final EdgeConnector INSTANCE = new EdgeConnector("pushfleet-shared");
    }
}
