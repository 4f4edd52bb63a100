package io.pushfleet.edge.bootstrap;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.List;

/** The Netty transport in use: epoll when available (or required), otherwise NIO. */
final class NettyTransport {

    private final boolean epoll;
    private final IoHandlerFactory ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannel;

    private NettyTransport(boolean epoll) {
        this.epoll = epoll;
        this.ioHandlerFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Picks the transport for {@code mode}; {@link TransportMode#EPOLL} without epoll is a configuration error. */
    static NettyTransport select(TransportMode mode) {
        return switch (mode) {
            case NIO -> new NettyTransport(false);
            case AUTO -> new NettyTransport(Epoll.isAvailable());
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new ConfigException(List.of(Setting.TRANSPORT.label() + ": epoll (expected: a transport"
                            + " available here; epoll is not: " + Epoll.unavailabilityCause() + ")"));
                }
                yield new NettyTransport(true);
            }
        };
    }

    boolean epoll() {
        return epoll;
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }

    /** An event-loop group of {@code threads} (0: Netty's default, one per core) named {@code name-N}. */
    EventLoopGroup newGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), ioHandlerFactory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** SO_REUSEPORT exists only on the native transport; on NIO the flag is ignored (and start-up says so). */
    void reusePort(ServerBootstrap bootstrap, boolean reusePort) {
        if (epoll && reusePort) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
    }
}
