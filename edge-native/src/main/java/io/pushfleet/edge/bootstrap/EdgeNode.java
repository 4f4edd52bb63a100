package io.pushfleet.edge.bootstrap;

import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Ticker;
import io.pushfleet.edge.chat.ChatRouter;
import io.pushfleet.edge.chat.ChatService;
import io.pushfleet.edge.chat.KafkaUplinkProducer;
import io.pushfleet.edge.chat.RedisChatDirectory;
import io.pushfleet.edge.chat.RedisClientMessages;
import io.pushfleet.edge.chat.UnavailableUplinkProducer;
import io.pushfleet.edge.chat.UplinkProducer;
import io.pushfleet.edge.delivery.AckBatcher;
import io.pushfleet.edge.delivery.LocalDelivery;
import io.pushfleet.edge.delivery.NodeCommandDispatcher;
import io.pushfleet.edge.delivery.PushDispatcher;
import io.pushfleet.edge.delivery.PushEncoder;
import io.pushfleet.edge.delivery.RedisEventStream;
import io.pushfleet.edge.delivery.StreamReader;
import io.pushfleet.edge.health.AdminHttpHandler;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.LoopLagProbe;
import io.pushfleet.edge.health.NodeStatus;
import io.pushfleet.edge.health.ProcessMeters;
import io.pushfleet.edge.health.ProcessStats;
import io.pushfleet.edge.health.Readiness;
import io.pushfleet.edge.health.RedisProbe;
import io.pushfleet.edge.pipeline.AdminInitializer;
import io.pushfleet.edge.pipeline.ConnectLimiter;
import io.pushfleet.edge.pipeline.ChannelCloser;
import io.pushfleet.edge.pipeline.EdgeHandlers;
import io.pushfleet.edge.pipeline.TcpInitializer;
import io.pushfleet.edge.pipeline.WebSocketInitializer;
import io.pushfleet.edge.registry.NodeAddresses;
import io.pushfleet.edge.registry.NodeDrain;
import io.pushfleet.edge.registry.NodeIdGuard;
import io.pushfleet.edge.registry.NodeReporter;
import io.pushfleet.edge.registry.RedisRouteTable;
import io.pushfleet.edge.registry.RouteRegistrar;
import io.pushfleet.edge.registry.TokenKeys;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.SessionDrain;
import io.pushfleet.edge.session.SessionLimits;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.id.MessageIdGenerator;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.token.SignatureProvider;
import io.pushfleet.model.token.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * One edge node: builds every part from the {@link EdgeConfig}, starts them in order, and stops them in
 * reverse. No static state, so tests run several nodes in one JVM. {@link #start()} blocks until the node
 * serves (waiting for Redis and token keys as long as needed); {@link #close()} may be called from any
 * thread at any time, also during start-up, and is bounded by the shutdown timeout.
 */
public final class EdgeNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeNode.class);
    private static final Duration STALE_ROUTES_TIMEOUT = Duration.ofSeconds(30);
    /** Push entries handed to the event loops and not yet written; a reader catching up waits beyond this. */
    private static final int MAX_PUSHES_IN_FLIGHT = 1024;

    private final EdgeConfig config;
    private final Clock clock;
    private final NodeId nodeId;
    private final long bootEpoch;
    private final NodeStatus status = new NodeStatus();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProcessStats stats = new ProcessStats();
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final EdgeMetrics metrics = new EdgeMetrics(prometheus, connections, stats);
    private final ProcessMeters processMeters = new ProcessMeters(prometheus);
    private final ChannelCloser closer = new ChannelCloser(metrics);
    private final SessionSweeper sweeper;
    private final SessionDrain sessionDrain;
    private final Maintenance maintenance = new Maintenance();

    private volatile RedisProbe redisProbe;
    private EdgeServer server;
    private RedisConnections redis;
    private RouteRegistrar registrar;
    private RedisRouteTable routeTable;
    private StreamReader commandReader;
    private StreamReader broadcastReader;
    private AckBatcher acks;
    private UplinkProducer uplinks;
    private volatile NodeReporter reporter;
    private NodeDrain nodeDrain;
    private Channel wsListener;
    private Channel tcpListener;
    private boolean closed;

    public EdgeNode(EdgeConfig config, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.nodeId = config.nodeId();
        this.bootEpoch = clock.millis();
        this.sweeper = new SessionSweeper(SessionLimits.of(config.limits().authTimeout(), config.idleTimeout(),
                config.slowConsumerTimeout(), config.drain().grace()), closer);
        this.sessionDrain = new SessionDrain(sweeper, config.drain().jitter(), Ticker.systemTicker(),
                metrics::drainReconnectSent);
        metrics.bindDrainState(status);
    }

    public NodeId nodeId() {
        return nodeId;
    }

    /** This run's boot epoch (start time in epoch millis); fences routes of earlier runs of the same node id. */
    public long bootEpoch() {
        return bootEpoch;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    /**
     * Starts the node and returns the bound ports once it serves.
     *
     * @throws CancellationException when {@link #close()} was called during start-up
     * @throws ConfigException       when the configuration cannot run here (for example a node id in use)
     */
    public BoundPorts start() throws InterruptedException {
        synchronized (lifecycle) {
            if (closed || stop.getCount() == 0) {
                throw new CancellationException("edge node was closed");
            }
            NettyTransport transport = NettyTransport.select(config.transport());
            SignatureProvider signatures = signatureProvider();
            server = new EdgeServer(config, transport);
            LoopLagProbe loopLag = new LoopLagProbe(server.workers());
            metrics.bindLoopLag(loopLag);
            processMeters.bindEventLoops(server.workers());
            Readiness readiness = new Readiness(status, () -> redisProbe != null && redisProbe.reachable());
            Channel admin = server.bind("admin", config.adminPort(), false,
                    new AdminInitializer(new AdminHttpHandler(readiness, prometheus)));

            redis = RedisConnections.connect(config.redisUri(), stop);
            abortIfStopping(redis == null);
            RedisProbe probe = new RedisProbe(redis.shared().async());
            redisProbe = probe;
            maintenance.every(Duration.ofSeconds(2), probe::probe);
            fenceEarlierRuns();
            TokenVerifier verifier = tokenVerifier(signatures);
            return serve(transport, verifier, loopLag, EdgeServer.port(admin));
        }
    }

    /** Wires the client-facing parts, binds the client listeners and starts reporting. */
    private BoundPorts serve(NettyTransport transport, TokenVerifier verifier, LoopLagProbe loopLag, int adminPort)
            throws InterruptedException {
        RedisAsyncCommands<String, String> async = redis.shared().async();
        RedisEventStream events = new RedisEventStream(async, metrics);
        routeTable = new RedisRouteTable(async, redis.untimed(), redis.timer(), RedisConnections.COMMAND_TIMEOUT);
        registrar = new RouteRegistrar(nodeId, bootEpoch, routeTable, connections, closer, events, metrics);
        LocalDelivery delivery = new LocalDelivery(connections.users(), sweeper,
                new PushEncoder(new JsonCodec(config.limits()), new BinaryCodec(config.limits()), ByteBufAllocator.DEFAULT),
                metrics);
        acks = new AckBatcher(nodeId, events, metrics, config.ackBatchSize(), config.ackFlushInterval(),
                System::nanoTime, maintenance::after);
        ChatService chat = chat(async, delivery, events);
        EdgeHandlers handlers = new EdgeHandlers(new EdgeHandlers.Services(nodeId, config.limits(),
                config.heartbeatInterval(), verifier, connections, sweeper, registrar, closer, metrics, chat, acks,
                new ConnectLimiter(config.connectRatePerIp(), config.connectBurstPerIp()), sessionDrain));
        PushDispatcher pushes = new PushDispatcher(nodeId, delivery, events, metrics, MAX_PUSHES_IN_FLIGHT);
        nodeDrain = new NodeDrain(nodeId, status, sessionDrain, config.drain(), async, this::reportNow);
        commandReader = StreamReader.commands(redis.dedicated(), nodeId,
                new NodeCommandDispatcher(nodeId, bootEpoch, connections, closer, pushes, nodeDrain), metrics);
        commandReader.start();
        // After the reader fixed its start: a drain asked for from now on is either in the mark or a command it reads.
        followDrainMarkAtStart();
        broadcastReader = StreamReader.broadcasts(redis.dedicated(), pushes, metrics);
        broadcastReader.start();

        wsListener = server.bind("websocket", config.wsPort(), true, new WebSocketInitializer(handlers));
        tcpListener = server.bind("tcp", config.tcpPort(), true, new TcpInitializer(handlers));
        BoundPorts ports = new BoundPorts(EdgeServer.port(wsListener), EdgeServer.port(tcpListener), adminPort);

        NodeAddresses addresses = NodeAddresses.of(config.advertisedHost(), ports.ws(), ports.tcp(), ports.admin());
        reporter = new NodeReporter(redis.shared().async(), nodeId, bootEpoch, new NodeReporter.Sources(status,
                addresses, config.capacity(), connections, stats, loopLag), config.registryTtl(), clock);
        maintenance.every(Duration.ofSeconds(1), loopLag::probe);
        maintenance.every(config.registryInterval(), reporter::report);
        maintenance.every(config.registryInterval(), nodeDrain::followMark);
        status.advance(NodeStatus.Phase.SERVING);
        log.info("edge serving nodeId={} bootEpoch={} transport={} {} wsUrl={}", nodeId, bootEpoch, transport.name(),
                ports.describe(), addresses.wsUrl());
        return ports;
    }

    /** Message ids, Kafka and chat routing: what client sends need. */
    private ChatService chat(RedisAsyncCommands<String, String> async, LocalDelivery delivery, RedisEventStream events) {
        // Each process takes its own worker id from one shared counter, so message ids never collide.
        int workerId = Math.floorMod(redis.shared().sync().incr(RedisKeys.WORKER_IDS), MessageIdGenerator.MAX_WORKER_ID + 1);
        log.info("message ids from workerId={} nodeId={}", workerId, nodeId);
        if (config.kafkaBootstrap() == null) {
            uplinks = new UnavailableUplinkProducer(Setting.KAFKA_BOOTSTRAP.label());
        } else {
            KafkaUplinkProducer kafka = KafkaUplinkProducer.create(config.kafkaBootstrap(), config.kafkaLinger(),
                    config.kafkaDeliveryTimeout(), nodeId);
            kafka.warmUp();
            uplinks = kafka;
        }
        RedisChatDirectory directory = new RedisChatDirectory(async);
        return new ChatService(nodeId, directory, new ChatRouter(nodeId, bootEpoch, directory, delivery, events, metrics),
                uplinks, new RedisClientMessages(async, config.sendLease(), config.sendDedupeWindow()),
                new MessageIdGenerator(workerId, clock), config.limits().maxFrameBytes(), clock, metrics);
    }

    /** DESIGN 3.10: a node drained before it (re)started stays drained until an operator undrains it. */
    private void followDrainMarkAtStart() {
        try {
            nodeDrain.applyMark(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("edge node closed during start-up");
        } catch (ExecutionException | TimeoutException e) {
            // The periodic read of the mark follows it once Redis answers.
            log.warn("could not read the drain mark at start nodeId={}: {}", nodeId, e.toString());
        }
    }

    private void reportNow() {
        NodeReporter current = reporter;
        if (current != null) {
            current.report();
        }
    }

    /** Waits until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Graceful shutdown: stop accepting, ask every client to reconnect elsewhere and wait for them to leave (at
     * most the drain timeout), then, bounded by the shutdown timeout, close the rest with GOING_AWAY, remove this
     * run's routes and its registry entry, and stop threads and Redis. Idempotent.
     */
    @Override
    public void close() {
        stop.countDown();
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            Duration budget = config.shutdownTimeout();
            status.advance(NodeStatus.Phase.DRAINING);
            log.info("edge shutting down nodeId={} connections={}", nodeId, connections.openCount());
            reportNow();
            if (server != null) {
                server.closeListener(wsListener, Duration.ofSeconds(1));
                server.closeListener(tcpListener, Duration.ofSeconds(1));
            }
            Drain.moveClients(nodeDrain, connections, config.drain().timeout());
            Drain.closeClients(sweeper, connections, budget.dividedBy(2));
            Drain.flushAcks(acks, Duration.ofSeconds(1));
            Drain.closeUplinks(uplinks, budget.dividedBy(4));
            if (registrar != null) {
                registrar.awaitIdle(budget.dividedBy(4));
                removeOwnRoutes();
            }
            maintenance.shutdown();
            if (reporter != null) {
                reporter.deregister(Duration.ofSeconds(2));
            }
            Drain.stopReader(commandReader, Duration.ofSeconds(2));
            Drain.stopReader(broadcastReader, Duration.ofSeconds(2));
            status.advance(NodeStatus.Phase.STOPPED);
            if (server != null) {
                server.closeListeners(Duration.ofSeconds(1));
                server.shutdown(Duration.ofSeconds(2));
            }
            if (redis != null) {
                redis.close();
            }
            processMeters.close();
            prometheus.close();
            log.info("edge stopped nodeId={}", nodeId);
            terminated.countDown();
        }
    }

    private void fenceEarlierRuns() throws InterruptedException {
        // Before any route of this run exists: the control plane's route auditor finds a crashed node's
        // leftovers through this set, also when the node never reported (docs/redis.md, nodes:known).
        redis.shared().sync().sadd(RedisKeys.KNOWN_NODES, nodeId.value());
        NodeIdGuard guard = new NodeIdGuard(redis.shared().sync());
        if (!guard.awaitFree(nodeId, bootEpoch, config.registryTtl().plus(config.registryInterval()), stop)) {
            throw new ConfigException(List.of(Setting.NODE_ID.label() + ": '" + nodeId
                    + "' (expected: unique in the fleet; another live node reports this id)"));
        }
        abortIfStopping(false);
        int removed = new RedisRouteTable(redis.shared().async())
                .removeNodeRoutes(nodeId, epoch -> epoch < bootEpoch, STALE_ROUTES_TIMEOUT);
        log.info("removed {} routes left by earlier runs nodeId={}", removed, nodeId);
    }

    private SignatureProvider signatureProvider() {
        try {
            return SignatureProvider.select(config.tokenCrypto());
        } catch (IllegalStateException e) {
            throw new ConfigException(List.of(Setting.TOKEN_CRYPTO.label() + ": " + config.tokenCrypto().name()
                    .toLowerCase(Locale.ROOT) + " (expected: a provider that loads here; " + e.getMessage() + ")"));
        }
    }

    private TokenVerifier tokenVerifier(SignatureProvider signatures) throws InterruptedException {
        TokenKeys keys = new TokenKeys(redis.shared().async(), config.jwksFile());
        JWKSet initial = keys.awaitInitial(Duration.ofSeconds(1), Duration.ofSeconds(2), stop);
        abortIfStopping(initial == null);
        TokenVerifier verifier = new TokenVerifier(initial, config.tokenIssuer(), config.tokenAudience(),
                config.tokenClockSkew(), Clock.systemUTC(), signatures.provider());
        log.info("token signatures checked by {} keys={} nodeId={}", signatures.name(), verifier.keyIds(), nodeId);
        metrics.bindTokenSignatures(signatures.name());
        maintenance.every(config.jwksRefresh(), () -> keys.refresh(verifier));
        return verifier;
    }

    private void removeOwnRoutes() {
        try {
            int left = routeTable.removeNodeRoutes(nodeId, epoch -> epoch == bootEpoch, config.shutdownTimeout().dividedBy(4));
            if (left > 0) {
                log.info("removed {} routes still held at shutdown nodeId={}", left, nodeId);
            }
        } catch (RuntimeException e) {
            log.warn("could not remove routes at shutdown nodeId={} (the next start fences them): {}", nodeId, e.getMessage());
        }
    }

    private void abortIfStopping(boolean failed) {
        if (failed || stop.getCount() == 0) {
            throw new CancellationException("edge node closed during start-up");
        }
    }
}
