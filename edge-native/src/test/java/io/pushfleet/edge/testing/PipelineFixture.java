package io.pushfleet.edge.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.ProcessStats;
import io.pushfleet.edge.pipeline.ChannelCloser;
import io.pushfleet.edge.pipeline.EdgeHandlers;
import io.pushfleet.edge.pipeline.TcpInitializer;
import io.pushfleet.edge.pipeline.WebSocketInitializer;
import io.pushfleet.edge.registry.InMemoryRouteTable;
import io.pushfleet.edge.registry.RouteRegistrar;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.SessionLimits;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.id.NodeId;

import java.time.Duration;

/**
 * The real pipelines (the production initializers) wired to in-memory fakes: a route table in memory, a
 * simple meter registry, and a mock ticker shared by every channel, so time moves only when a test says so.
 */
public final class PipelineFixture {

    public static final NodeId NODE = new NodeId("edge-test");
    public static final long BOOT_EPOCH = 1_700_000_000_000L;
    public static final int MAX_FRAME_BYTES = 1024;
    public static final int MAX_FRAMES_PER_SECOND = 10;
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    public static final int MISSES = 3;

    public final MockTicker ticker = Ticker.newMockTicker();
    public final TestTokens tokens = new TestTokens();
    public final InMemoryRouteTable routes = new InMemoryRouteTable();
    public final ConnectionRegistry connections = new ConnectionRegistry();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final EdgeMetrics metrics = new EdgeMetrics(meters, connections, new ProcessStats());
    public final ChannelCloser closer = new ChannelCloser(metrics);
    public final SessionSweeper sweeper = new SessionSweeper(
            SessionLimits.of(AUTH_TIMEOUT, HEARTBEAT.multipliedBy(MISSES), Duration.ofSeconds(10)), closer);
    public final RouteRegistrar registrar = new RouteRegistrar(NODE, BOOT_EPOCH, routes, connections, closer);
    public final EdgeHandlers handlers = new EdgeHandlers(new EdgeHandlers.Services(NODE,
            new ProtocolLimits(MAX_FRAME_BYTES, AUTH_TIMEOUT, MAX_FRAMES_PER_SECOND), HEARTBEAT, tokens.verifier(),
            connections, sweeper, registrar, closer, metrics));

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

    /** Count of closes with this reason tag (lower-case close code name, or peer_closed). */
    public double closes(String reason) {
        return meters.get("edge.closes").tag("reason", reason).counter().count();
    }
}
