package io.pushfleet.bench.storm;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushfleet.bench.fleet.ClientSpec;
import io.pushfleet.bench.fleet.FleetPlan;
import io.pushfleet.bench.fleet.HeartbeatSlots;
import io.pushfleet.bench.stats.LatencyHistogram;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.MessageId;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * One worker's connections: WebSocket (JSON text frames, as browsers speak) or raw TCP (binary codec), on a
 * few epoll event loops with one shared handler, source addresses bound with IP_BIND_ADDRESS_NO_PORT (the
 * kernel picks the port at connect time, so each address and destination pair has the whole ephemeral
 * range). The caller starts each connection ({@link #start}) at its pace; this class counts the outcomes:
 * held, failed by reason, dropped after auth by reason, and the connect + auth latency of each. One task
 * a second sends the due heartbeats and fails connections that got no {@code auth_ok} in time.
 */
final class StormClients implements AutoCloseable {

    /** How the clients talk to the edges. */
    enum Transport { WS, TCP }

    private static final int PENDING = 0;
    private static final int HELD = 1;
    private static final int ENDED = 2;

    private final Transport transport;
    private final FleetPlan plan;
    /** Each client's token until its {@code auth} is sent (then dropped: a worker holds up to 19,000). */
    private final String[] tokens;
    private final long authTimeoutNanos;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final Bootstrap bootstrap;
    private final StormHandler handler = new StormHandler(this);
    private final BinaryCodec binary = new BinaryCodec(ProtocolLimits.DEFAULTS);
    private final JsonCodec json = new JsonCodec(ProtocolLimits.DEFAULTS);
    private final Conn[] conns;
    private final HeartbeatSlots heartbeats = new HeartbeatSlots();
    private final ScheduledFuture<?> ticker;

    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger authenticated = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicLong lastOutcomeNanos = new AtomicLong();
    private final Runnable onOutcome;
    private final Map<Long, PushCount> pushes = new ConcurrentHashMap<>();
    private volatile int heartbeatSeconds = 30;
    private volatile boolean closing;

    /** {@code onOutcome} runs on an I/O thread each time a connect authenticates or fails; it must not block. */
    StormClients(Transport transport, FleetPlan plan, List<String> tokens, int ioThreads, Duration authTimeout,
                 Runnable onOutcome) {
        this.transport = requireNonNull(transport, "transport");
        this.onOutcome = requireNonNull(onOutcome, "onOutcome");
        this.plan = requireNonNull(plan, "plan");
        this.tokens = tokens.toArray(String[]::new);
        if (tokens.size() != plan.size()) {
            throw new IllegalArgumentException("tokens: " + tokens.size() + " (expected: " + plan.size() + ")");
        }
        this.authTimeoutNanos = authTimeout.toNanos();
        this.conns = new Conn[plan.size()];
        this.epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("storm-io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, authTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch);
                    }
                });
        if (epoll) {
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        this.ticker = group.next().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void pipeline(SocketChannel ch) {
        if (transport == Transport.TCP) {
            // PROTOCOL 1: a 4-byte big-endian length before every binary frame.
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(
                    BinaryCodec.LENGTH_PREFIX_BYTES + ProtocolLimits.DEFAULT_MAX_FRAME_BYTES, 0, 4, 0, 4));
        } else {
            Conn conn = ch.attr(StormHandler.CONN).get();
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                    new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(plan.clients().get(conn.index).edge().wsUrl())
                            .maxFramePayloadLength(ProtocolLimits.DEFAULT_MAX_FRAME_BYTES)
                            .handleCloseFrames(false)
                            .handshakeTimeoutMillis(authTimeoutNanos / 1_000_000)
                            .build()));
        }
        ch.pipeline().addLast(handler);
    }

    /** Starts connecting client {@code index} (each index once); never blocks. */
    void start(int index) {
        ClientSpec spec = plan.clients().get(index);
        Conn conn = new Conn(index, System.nanoTime());
        conns[index] = conn;
        attempted.incrementAndGet();
        InetSocketAddress remote = transport == Transport.TCP
                ? new InetSocketAddress(spec.edge().tcpHost(), spec.edge().tcpPort())
                : new InetSocketAddress(spec.edge().wsUrl().getHost(), spec.edge().wsUrl().getPort());
        Bootstrap b = bootstrap.clone().attr(StormHandler.CONN, conn);
        ChannelFuture f = b.connect(remote, new InetSocketAddress(spec.source(), 0));
        conn.channel = f.channel();
        f.addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                fail(conn, FailureReasons.of(done.cause()));
            } else if (transport == Transport.TCP) {
                sendAuth(done.channel(), conn); // PROTOCOL 3.1: auth is the first frame
            }
        });
    }

    /** The WebSocket upgrade is done (or, on TCP, the connection is up): send {@code auth}. */
    void sendAuth(Channel ch, Conn conn) {
        String token = tokens[conn.index];
        tokens[conn.index] = null;
        ch.writeAndFlush(encode(new Frame.Auth(token)));
    }

    private Object encode(Frame frame) {
        if (transport == Transport.WS) {
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(json.encode(frame)));
        }
        byte[] body = binary.encode(frame);
        return Unpooled.buffer(BinaryCodec.LENGTH_PREFIX_BYTES + body.length).writeInt(body.length).writeBytes(body);
    }

    Frame decodeBinary(ByteBuf frame) {
        return binary.decode(frame.nioBuffer());
    }

    Frame decodeText(String text) {
        return json.decode(text);
    }

    Object ack(MessageId msgId) {
        return encode(new Frame.Ack(msgId));
    }

    void authenticated(Conn conn, Frame.AuthOk ok, long now) {
        if (conn.state.compareAndSet(PENDING, HELD)) {
            heartbeatSeconds = (int) Math.clamp(ok.heartbeat().toSeconds(), 1, 3600);
            latency.recordNanos(now - conn.startNanos);
            authenticated.incrementAndGet();
            held.incrementAndGet();
            lastOutcomeNanos.set(now);
            onOutcome.run();
        }
    }

    void pushed(long msgId, long now) {
        pushes.computeIfAbsent(msgId, id -> new PushCount()).add(now);
    }

    /** The connection's channel closed; {@code reason} is what the edge or the socket said, if anything. */
    void ended(Conn conn) {
        String reason = conn.reason;
        if (conn.state.compareAndSet(HELD, ENDED)) {
            held.decrementAndGet();
            if (!closing) {
                dropped.incrementAndGet();
                drops.computeIfAbsent(reason == null ? FailureReasons.CLOSED : reason, r -> new LongAdder()).increment();
            }
        } else {
            fail(conn, reason == null ? FailureReasons.CLOSED_BEFORE_AUTH : reason);
        }
    }

    private void fail(Conn conn, String reason) {
        if (conn.state.compareAndSet(PENDING, ENDED)) {
            failed.incrementAndGet();
            failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
            lastOutcomeNanos.set(System.nanoTime());
            conn.channel.close();
            onOutcome.run();
        }
    }

    private void tick() {
        long now = System.nanoTime();
        Conn[] all = conns;
        if (inFlight() > 0) {
            for (Conn c : all) {
                if (c != null && c.state.get() == PENDING && now - c.startNanos > authTimeoutNanos) {
                    fail(c, FailureReasons.NO_AUTH_OK);
                }
            }
        }
        ByteBuf ping = transport == Transport.WS
                ? Unpooled.wrappedBuffer(json.encode(new Frame.Ping()))
                : (ByteBuf) encode(new Frame.Ping());
        try {
            heartbeats.tick(heartbeatSeconds, all.length, i -> {
                Conn c = all[i];
                if (c != null && c.state.get() == HELD) {
                    Channel ch = c.channel;
                    Object msg = transport == Transport.WS ? new TextWebSocketFrame(ping.retainedDuplicate())
                            : ping.retainedDuplicate();
                    ch.writeAndFlush(msg, ch.voidPromise());
                }
            });
        } finally {
            ping.release();
        }
    }

    /** This worker's totals now, as a report in {@code state} for {@code target}. */
    WorkerReport report(String state, int worker, int target) {
        int outcomes = countOutcomes();
        boolean settled = target > 0 && attempted.get() == target && outcomes == target;
        List<WorkerReport.PushSeen> seen = new ArrayList<>();
        pushes.forEach((id, p) -> seen.add(new WorkerReport.PushSeen(id, p.count.get(), p.first.get(), p.last.get())));
        return new WorkerReport(state, worker, target, attempted.get(), held.get(), failed.get(), dropped.get(),
                totals(failures), totals(drops), latency.encode(), settled ? lastOutcomeNanos.get() : 0, seen);
    }

    boolean settled(int target) {
        return attempted.get() == target && countOutcomes() == target;
    }

    /** Outcomes so far: connections that authenticated (held now or dropped since) and those that failed. */
    private int countOutcomes() {
        return authenticated.get() + failed.get();
    }

    int attempted() {
        return attempted.get();
    }

    /** Connects started and not yet authenticated or failed. */
    int inFlight() {
        return attempted.get() - countOutcomes();
    }

    String describe() {
        return transport + " over " + (epoll ? "epoll" : "nio") + ", " + plan.perEdge().size() + " listeners";
    }

    private static Map<String, Long> totals(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() {
        closing = true;
        ticker.cancel(false);
        for (Conn c : conns) {
            if (c != null && c.channel != null) {
                c.channel.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** What a worker keeps per connection besides Netty's channel. */
    static final class Conn {
        final int index;
        final long startNanos;
        final AtomicInteger state = new AtomicInteger(PENDING);
        volatile Channel channel;
        /** Why the edge is closing it: the close code of a WebSocket close frame or a TCP {@code error} frame. */
        volatile String reason;

        Conn(int index, long startNanos) {
            this.index = index;
            this.startNanos = startNanos;
        }
    }

    /** Copies of one message id at this worker. */
    private static final class PushCount {
        final AtomicInteger count = new AtomicInteger();
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        void add(long now) {
            count.incrementAndGet();
            first.accumulateAndGet(now, Math::min);
            last.accumulateAndGet(now, Math::max);
        }
    }
}
