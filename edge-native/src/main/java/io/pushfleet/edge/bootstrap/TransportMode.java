package io.pushfleet.edge.bootstrap;

/** Which Netty transport the listeners use. */
public enum TransportMode {
    /** epoll when the native library loads, otherwise NIO. */
    AUTO,
    /** epoll or fail to start. */
    EPOLL,
    /** Java NIO. */
    NIO
}
