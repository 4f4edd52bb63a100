package io.pushfleet.edge.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.pushfleet.edge.chat.ChatRouter;
import io.pushfleet.edge.chat.ChatService;
import io.pushfleet.edge.chat.InMemoryChatDirectory;
import io.pushfleet.edge.chat.InMemoryClientMessages;
import io.pushfleet.edge.chat.InMemoryUplinkProducer;
import io.pushfleet.edge.delivery.AckBatcher;
import io.pushfleet.edge.delivery.InMemoryEventStream;
import io.pushfleet.edge.delivery.LocalDelivery;
import io.pushfleet.edge.delivery.PushEncoder;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.ProcessStats;
import io.pushfleet.edge.pipeline.ChannelCloser;
import io.pushfleet.edge.pipeline.ConnectLimiter;
import io.pushfleet.edge.pipeline.EdgeHandlers;
import io.pushfleet.edge.pipeline.TcpInitializer;
import io.pushfleet.edge.pipeline.WebSocketInitializer;
import io.pushfleet.edge.registry.InMemoryRouteTable;
import io.pushfleet.edge.registry.RouteRegistrar;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.SessionDrain;
import io.pushfleet.edge.session.SessionLimits;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageIdGenerator;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;

import java.time.Clock;
import java.time.Duration;

/**
 * The real pipelines (the production initializers) wired to in-memory fakes: a route table, an events stream,
 * a Kafka producer, a chat directory and the client message record in memory, a simple meter registry, and a
 * mock ticker shared by every channel (and the ack batcher), so time moves only when a test says so. The push
 * encoder counts its encodings and records its buffers.
 */
public final class PipelineFixture {

    public static final NodeId NODE = new NodeId("edge-test");
    public static final long BOOT_EPOCH = 1_700_000_000_000L;
    public static final int MAX_FRAME_BYTES = 1024;
    public static final int MAX_FRAMES_PER_SECOND = 10;
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    public static final int MISSES = 3;
    public static final ProtocolLimits LIMITS = new ProtocolLimits(MAX_FRAME_BYTES, AUTH_TIMEOUT, MAX_FRAMES_PER_SECOND);
    public static final int ACK_BATCH = 500;
    public static final Duration ACK_DELAY = Duration.ofMillis(100);
    public static final int WORKER_ID = 7;
    public static final Duration DRAIN_JITTER = Duration.ofSeconds(5);
    public static final Duration DRAIN_GRACE = Duration.ofSeconds(30);

    public final MockTicker ticker = Ticker.newMockTicker();
    public final TestTokens tokens = new TestTokens();
    public final InMemoryRouteTable routes = new InMemoryRouteTable();
    public final ConnectionRegistry connections = new ConnectionRegistry();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final EdgeMetrics metrics = new EdgeMetrics(meters, connections, new ProcessStats());
    public final ChannelCloser closer = new ChannelCloser(metrics);
    public final SessionSweeper sweeper = new SessionSweeper(
            SessionLimits.of(AUTH_TIMEOUT, HEARTBEAT.multipliedBy(MISSES), Duration.ofSeconds(10), DRAIN_GRACE), closer);
    public final SessionDrain drain = new SessionDrain(sweeper, DRAIN_JITTER, ticker, metrics::drainReconnectSent);
    public final InMemoryEventStream events = new InMemoryEventStream();
    public final RouteRegistrar registrar = new RouteRegistrar(NODE, BOOT_EPOCH, routes, connections, closer, events, metrics);
    public final CountingCodec json = new CountingCodec(new JsonCodec(LIMITS));
    public final CountingCodec binary = new CountingCodec(new BinaryCodec(LIMITS));
    public final RecordingAllocator allocator = new RecordingAllocator();
    public final LocalDelivery delivery = new LocalDelivery(connections.users(), sweeper,
            new PushEncoder(json, binary, allocator), metrics);
    /** The ack batcher's timer does nothing here: tests run {@link AckBatcher#flushDue()} when they want it. */
    public final AckBatcher acks = new AckBatcher(NODE, events, metrics, ACK_BATCH, ACK_DELAY, ticker::nanoTime,
            (task, delayNanos) -> { });
    public final InMemoryUplinkProducer uplinks = new InMemoryUplinkProducer();
    public final InMemoryChatDirectory directory = new InMemoryChatDirectory();
    public final InMemoryClientMessages clientMessages = new InMemoryClientMessages();
    public final ChatService chat = new ChatService(NODE, directory,
            new ChatRouter(NODE, BOOT_EPOCH, directory, delivery, events, metrics), uplinks, clientMessages,
            new MessageIdGenerator(WORKER_ID, Clock.systemUTC()), MAX_FRAME_BYTES, Clock.systemUTC(), metrics);
    public final EdgeHandlers handlers = new EdgeHandlers(new EdgeHandlers.Services(NODE, LIMITS, HEARTBEAT,
            tokens.verifier(), connections, sweeper, registrar, closer, metrics, chat, acks, new ConnectLimiter(0, 1), drain));

    public EmbeddedChannel tcp() {
        return EmbeddedChannel.builder().ticker(ticker).handlers(new TcpInitializer(handlers)).build();
    }

    public EmbeddedChannel ws() {
        return EmbeddedChannel.builder().ticker(ticker).handlers(new WebSocketInitializer(handlers)).build();
    }

    /** Moves time forward and runs the sweeps (and any other task) that became due on {@code channels}. */
    public void advance(Duration d, EmbeddedChannel... channels) {
        ticker.advance(d.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        for (EmbeddedChannel ch : channels) {
            ch.runScheduledPendingTasks();
            ch.runPendingTasks();
        }
    }

    /** A TCP connection authenticated as {@code userId}/{@code deviceId}, its {@code auth_ok} already read. */
    public EmbeddedChannel authenticatedTcp(long userId, String deviceId) {
        EmbeddedChannel ch = tcp();
        ch.writeInbound(TcpWire.frame(new Frame.Auth(tokens.valid(userId, deviceId))));
        if (!(TcpWire.read(ch) instanceof Frame.AuthOk)) {
            throw new AssertionError("expected auth_ok");
        }
        return ch;
    }

    /** The route this node registered for a connected device. */
    public RouteValue routeOf(long userId, String deviceId) {
        return routes.route(new UserId(userId), new DeviceId(deviceId)).orElseThrow();
    }

    /** A meter's count, for counters with one tag. */
    public double count(String meter, String tag, String value) {
        return meters.get(meter).tag(tag, value).counter().count();
    }

    /** Count of closes with this reason tag (lower-case close code name, or peer_closed). */
    public double closes(String reason) {
        return meters.get("edge.closes").tag("reason", reason).counter().count();
    }
}
