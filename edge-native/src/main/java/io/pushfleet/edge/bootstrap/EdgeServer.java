package io.pushfleet.edge.bootstrap;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The event-loop groups and the listening sockets: one acceptor thread, {@code ioThreads} event loops that
 * serve every connection (clients and admin), bounded outbound buffers per connection, SO_REUSEPORT when
 * asked for on epoll, and one receive-buffer sizing policy shared by every connection (Netty would otherwise
 * give each its own allocator object; the per-connection guess lives in the handle either way).
 */
final class EdgeServer {

    private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
    private static final int BACKLOG = 4096;
    private static final RecvByteBufAllocator RECEIVE_BUFFERS = new AdaptiveRecvByteBufAllocator();

    private final EdgeConfig config;
    private final NettyTransport transport;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final List<Channel> listeners = new ArrayList<>();

    EdgeServer(EdgeConfig config, NettyTransport transport) {
        this.config = requireNonNull(config, "config");
        this.transport = requireNonNull(transport, "transport");
        this.acceptor = transport.newGroup(1, "edge-accept");
        this.workers = transport.newGroup(config.ioThreads(), "edge-io");
        if (config.reusePort() && !transport.epoll()) {
            log.warn("{} is set but the transport is {}; SO_REUSEPORT is not used", Setting.REUSE_PORT.label(), transport.name());
        }
    }

    EventLoopGroup workers() {
        return workers;
    }

    /**
     * Binds {@code port} (0: any free port) on the bind host and returns the listening channel. Only client
     * listeners are {@code shared} (SO_REUSEPORT when configured): each process keeps its own admin port, so
     * a health probe reaches the process it means.
     */
    Channel bind(String name, int port, boolean shared, ChannelHandler initializer) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.writeBufferLow(), config.writeBufferHigh()))
                .childHandler(initializer);
        transport.reusePort(b, shared && config.reusePort());
        Channel ch = b.bind(config.bindHost(), port).sync().channel();
        synchronized (listeners) {
            listeners.add(ch);
        }
        log.debug("{} listening on {}", name, ch.localAddress());
        return ch;
    }

    static int port(Channel listener) {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Closes the listening sockets (connections stay open). */
    void closeListeners(Duration timeout) {
        List<Channel> copy;
        synchronized (listeners) {
            copy = List.copyOf(listeners);
        }
        for (Channel ch : copy) {
            ch.close().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the listener {@code ch} only. */
    void closeListener(Channel ch, Duration timeout) {
        if (ch != null) {
            ch.close().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops every event loop; waits up to {@code timeout}. */
    void shutdown(Duration timeout) {
        acceptor.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
        workers.terminationFuture().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
