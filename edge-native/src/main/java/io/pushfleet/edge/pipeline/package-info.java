/**
 * The Netty pipelines: {@link io.pushfleet.edge.pipeline.WebSocketInitializer},
 * {@link io.pushfleet.edge.pipeline.TcpInitializer} and {@link io.pushfleet.edge.pipeline.AdminInitializer}
 * only build pipelines out of small handlers named in {@link io.pushfleet.edge.pipeline.HandlerNames}. The
 * transport-specific decoders and encoders turn bytes into {@code Frame}s and back; behind them both
 * transports share the same handlers: {@code SessionHandler} (session, liveness, rate limit),
 * {@code AuthHandler} (until the connection authenticated), {@code MessageFrameHandler} and, last,
 * {@code ExceptionHandler}: few handlers, since every one costs each connection a pipeline slot. Every close goes through {@link io.pushfleet.edge.pipeline.ChannelCloser}.
 * Start with {@code TcpInitializer} and {@link io.pushfleet.edge.pipeline.EdgeHandlers}.
 */
package io.pushfleet.edge.pipeline;
