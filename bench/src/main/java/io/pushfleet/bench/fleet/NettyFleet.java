package io.pushfleet.bench.fleet;

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
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * The lean benchmark client: every connection is a Netty channel on a few event loops (epoll when it loads),
 * with one shared handler and no per-connection thread, timer or buffer beyond Netty's own. Speaks the raw
 * TCP protocol (PROTOCOL 1: 4-byte length, binary codec). One fleet-wide task sends each client's {@code ping}
 * once per heartbeat interval, spread over the interval.
 */
public final class NettyFleet implements ClientFleet {

    private final EventLoopGroup group;
    private final boolean epoll;
    private final int ioThreads;
    private final BinaryCodec codec = new BinaryCodec(ProtocolLimits.DEFAULTS);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private volatile String lastDrop = "";
    private volatile FleetListener listener = FleetListener.NONE;
    private volatile boolean closing;
    private Channel[] channels = new Channel[0];
    private ClientState[] states = new ClientState[0];
    private final ClientHandler handler;
    /** Seconds between a client's pings: the {@code heartbeatMs} of the first {@code auth_ok}, 30 until then. */
    private volatile int heartbeatSeconds = 30;
    private final HeartbeatSlots heartbeats = new HeartbeatSlots();
    private ScheduledFuture<?> heartbeat;

    public NettyFleet(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
        }
        this.ioThreads = ioThreads;
        this.epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("bench-io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.handler = new ClientHandler(this);
    }

    @Override
    public void connect(FleetPlan plan, List<String> tokens, int concurrency, Duration timeout) throws InterruptedException {
        if (tokens.size() != plan.size()) {
            throw new IllegalArgumentException("tokens: " + tokens.size() + " (expected: " + plan.size() + ")");
        }
        channels = new Channel[plan.size()];
        states = new ClientState[plan.size()];
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // PROTOCOL 1: a 4-byte big-endian length before every binary frame.
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(
                                BinaryCodec.LENGTH_PREFIX_BYTES + ProtocolLimits.DEFAULT_MAX_FRAME_BYTES, 0, 4, 0, 4));
                    }
                });
        // Heartbeats start now, not after the last auth_ok: a slow connect of thousands of clients must not
        // leave the first ones silent for longer than the edge allows (PROTOCOL 3.3).
        heartbeat = group.next().scheduleAtFixedRate(this::pingDue, 1, 1, TimeUnit.SECONDS);
        Semaphore permits = new Semaphore(concurrency);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ClientSpec spec : plan.clients()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !permits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            ClientState state = new ClientState(spec.index());
            states[spec.index()] = state;
            state.authed.whenComplete((ok, e) -> permits.release());
            ChannelFuture f = bootstrap.connect(new InetSocketAddress(spec.edge().tcpHost(), spec.edge().tcpPort()),
                    new InetSocketAddress(spec.source(), 0));
            String token = tokens.get(spec.index());
            f.addListener((ChannelFuture done) -> {
                if (!done.isSuccess()) {
                    state.authed.completeExceptionally(done.cause());
                    return;
                }
                Channel ch = done.channel();
                channels[state.index] = ch;
                ch.attr(ClientHandler.STATE).set(state);
                ch.pipeline().addLast(handler);
                // PROTOCOL 3.1: auth is the first frame.
                ch.writeAndFlush(encode(new Frame.Auth(token)));
            });
        }
        List<CompletableFuture<Void>> authed = new ArrayList<>(states.length);
        for (ClientState s : states) {
            authed.add(s == null ? null : s.authed);
        }
        Waiting.awaitAll(authed, deadline, "clients authenticated");
    }

    private void pingDue() {
        ByteBuf ping = encode(new Frame.Ping());
        try {
            Channel[] all = channels;
            heartbeats.tick(heartbeatSeconds, all.length, i -> {
                Channel ch = all[i];
                if (ch != null && ch.isActive()) {
                    ch.writeAndFlush(ping.retainedDuplicate(), ch.voidPromise());
                }
            });
        } finally {
            ping.release();
        }
    }

    @Override
    public void listener(FleetListener listener) {
        this.listener = requireNonNull(listener, "listener");
    }

    @Override
    public void send(int client, Frame frame) {
        Channel ch = channels[client];
        if (ch != null) {
            ch.writeAndFlush(encode(frame), ch.voidPromise());
        }
    }

    @Override
    public int open() {
        return open.get();
    }

    @Override
    public Drops drops() {
        return new Drops(drops.get(), lastDrop);
    }

    @Override
    public String describe() {
        return "lean Netty client (" + (epoll ? "epoll" : "nio") + ", " + ioThreads + " I/O threads)";
    }

    @Override
    public void close() {
        closing = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        for (Channel ch : channels) {
            if (ch != null) {
                ch.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    ByteBuf encode(Frame frame) {
        byte[] body = codec.encode(frame);
        ByteBuf buf = Unpooled.buffer(BinaryCodec.LENGTH_PREFIX_BYTES + body.length);
        return buf.writeInt(body.length).writeBytes(body);
    }

    // ---- called by ClientHandler on the channel's event loop ----

    Frame decode(ByteBuf frame) {
        ByteBuffer view = frame.nioBuffer();
        return codec.decode(view);
    }

    FleetListener currentListener() {
        return listener;
    }

    void authenticated(ClientState state, Frame.AuthOk ok) {
        heartbeatSeconds = (int) Math.clamp(ok.heartbeat().toSeconds(), 1, 3600);
        open.incrementAndGet();
        state.authed.complete(null);
    }

    void ended(ClientState state, String why) {
        if (state.authed.completeExceptionally(new IllegalStateException(why))) {
            return;
        }
        open.decrementAndGet();
        if (!closing) {
            drops.incrementAndGet();
            lastDrop = "client " + state.index + ": " + why;
        }
    }

    /** What the fleet keeps per client besides its channel. */
    static final class ClientState {
        final int index;
        final CompletableFuture<Void> authed = new CompletableFuture<>();
        /** The last {@code error} frame, which on TCP explains the close that follows. */
        volatile String lastError;

        ClientState(int index) {
            this.index = index;
        }
    }
}
