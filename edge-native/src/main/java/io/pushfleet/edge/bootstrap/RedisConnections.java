package io.pushfleet.edge.bootstrap;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The node's Redis clients: one shared connection for non-blocking commands (events, registry reports, key
 * reads, probes), dedicated connections for blocking reads, and the route writes' connection (sent in batches)
 * on a second client, sharing the first one's threads, that never times out a command (RedisRouteTable keeps the
 * deadline). Commands fail fast while disconnected instead of queueing without bound; Lettuce reconnects in the
 * background.
 */
final class RedisConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
    /** How long a command may take before it fails (on the untimed connection: the caller's own deadline). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration WAIT_LOG_EVERY = Duration.ofSeconds(30);
    /**
     * The tick of the clients' timer wheel. Lettuce's own ticks every 100 ms, waking an idle edge ten times a second;
     * what runs on it (command timeouts and route deadlines of 5 s, reconnect delays) needs no finer than a second.
     */
    static final Duration TIMER_TICK = Duration.ofSeconds(1);

    private final HashedWheelTimer timer;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisClient untimed;
    private final StatefulRedisConnection<String, String> shared;

    private RedisConnections(HashedWheelTimer timer, ClientResources resources, RedisClient client, RedisClient untimed,
                             StatefulRedisConnection<String, String> shared) {
        this.timer = timer;
        this.resources = resources;
        this.client = client;
        this.untimed = untimed;
        this.shared = shared;
    }

    /**
     * Connects to {@code uri}, retrying until it works; returns {@code null} if {@code stop} opens first.
     */
    static RedisConnections connect(String uri, CountDownLatch stop) throws InterruptedException {
        HashedWheelTimer timer = new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true),
                TIMER_TICK.toMillis(), TimeUnit.MILLISECONDS);
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .timer(timer).build();
        RedisClient client = client(resources, uri, TimeoutOptions.enabled(COMMAND_TIMEOUT));
        RedisClient untimed = client(resources, uri, TimeoutOptions.create());
        long nextLog = 0;
        while (true) {
            try {
                StatefulRedisConnection<String, String> shared = client.connect();
                log.info("connected to Redis at {}", Secrets.maskUri(uri));
                return new RedisConnections(timer, resources, client, untimed, shared);
            } catch (RedisException e) {
                if (System.nanoTime() >= nextLog) {
                    log.warn("waiting for Redis at {}: {}", Secrets.maskUri(uri), e.getMessage());
                    nextLog = System.nanoTime() + WAIT_LOG_EVERY.toNanos();
                }
            }
            if (stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                untimed.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                resources.shutdown(0, 2, TimeUnit.SECONDS);
                timer.stop();
                return null;
            }
        }
    }

    private static RedisClient client(ClientResources resources, String uri, TimeoutOptions timeouts) {
        RedisClient client = RedisClient.create(resources, RedisURI.create(uri));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .timeoutOptions(timeouts)
                .build());
        return client;
    }

    StatefulRedisConnection<String, String> shared() {
        return shared;
    }

    /** A new connection of its own, for blocking commands; closed with the client. */
    StatefulRedisConnection<String, String> dedicated() {
        return client.connect();
    }

    /** A new connection on which no command ever times out, for the route writes; closed with the client. */
    StatefulRedisConnection<String, String> untimed() {
        return untimed.connect();
    }

    /** The clients' shared timer (a wheel with {@link #TIMER_TICK} ticks), for deadlines kept outside Lettuce. */
    Timer timer() {
        return resources.timer();
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        untimed.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        timer.stop();
    }
}
