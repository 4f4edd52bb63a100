package io.pushfleet.edge.pipeline;

import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.pushfleet.edge.chat.ChatService;
import io.pushfleet.edge.delivery.AckBatcher;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.registry.RouteRegistrar;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.SessionDrain;
import io.pushfleet.edge.session.SessionSweeper;
import io.pushfleet.edge.session.Transport;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.token.TokenVerifier;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The handlers both client pipelines share, built once per node: every {@code @Sharable} instance, plus
 * what the initializers need to make the few per-connection ones. Initializers take this and only
 * assemble pipelines.
 */
public final class EdgeHandlers {

    /** Upgrade requests carry no body; this bounds what the aggregator may buffer before the handshake. */
    static final int MAX_UPGRADE_REQUEST_BYTES = 8192;

    final ProtocolLimits limits;
    final FrameCodec binaryCodec;
    final SessionCloser closer;
    final WebSocketRequestHandler webSocketRequest;
    final WsFrameCodec wsFrameCodec;
    final TcpFrameEncoder tcpFrameEncoder;
    final ConnectAdmission connects;
    final SessionHandler wsSession;
    final SessionHandler tcpSession;
    final AuthHandler auth;
    final MessageFrameHandler messages;
    final ExceptionHandler exceptions;

    /** Dependencies of the handlers. */
    public record Services(NodeId nodeId, ProtocolLimits limits, Duration heartbeat, TokenVerifier verifier,
                           ConnectionRegistry connections, SessionSweeper sweeper, RouteRegistrar routes,
                           SessionCloser closer, EdgeMetrics metrics, ChatService chat, AckBatcher acks,
                           ConnectLimiter connectLimiter, SessionDrain drain) {
        public Services {
            requireNonNull(nodeId, "nodeId");
            requireNonNull(limits, "limits");
            requireNonNull(heartbeat, "heartbeat");
            requireNonNull(verifier, "verifier");
            requireNonNull(connections, "connections");
            requireNonNull(sweeper, "sweeper");
            requireNonNull(routes, "routes");
            requireNonNull(closer, "closer");
            requireNonNull(metrics, "metrics");
            requireNonNull(chat, "chat");
            requireNonNull(acks, "acks");
            requireNonNull(connectLimiter, "connectLimiter");
            requireNonNull(drain, "drain");
        }
    }

    public EdgeHandlers(Services s) {
        this.limits = s.limits();
        this.closer = s.closer();
        this.binaryCodec = new BinaryCodec(limits);
        FrameCodec jsonCodec = new JsonCodec(limits);
        this.connects = new ConnectAdmission(s.connectLimiter(), s.metrics());
        this.webSocketRequest = new WebSocketRequestHandler(closer, connects, webSocketDecoderConfig(limits.maxFrameBytes()));
        this.wsFrameCodec = new WsFrameCodec(jsonCodec, binaryCodec, closer, s.metrics(), limits.maxFrameBytes());
        this.tcpFrameEncoder = new TcpFrameEncoder(binaryCodec, s.metrics());
        int maxFrames = limits.maxFramesPerSecond();
        this.wsSession = new SessionHandler(Transport.WEBSOCKET, s.connections(), s.sweeper(), s.routes(), closer, s.metrics(),
                maxFrames);
        this.tcpSession = new SessionHandler(Transport.TCP, s.connections(), s.sweeper(), s.routes(), closer, s.metrics(), maxFrames);
        this.auth = new AuthHandler(s.nodeId(), s.heartbeat(), s.verifier(), s.connections(), s.routes(), closer, s.metrics(),
                s.drain());
        this.messages = new MessageFrameHandler(s.chat(), s.acks());
        this.exceptions = new ExceptionHandler(closer);
    }

    /**
     * WebSocket frame decoding: frames up to the frame limit, masked as RFC 6455 requires of clients, no
     * extensions (so no permessage-deflate), UTF-8 left to the JSON codec (one protocol-violation path), and a
     * bad frame reported as an exception (mapped to a close code by {@link ExceptionHandler}) instead of a close
     * frame of Netty's own.
     */
    private static WebSocketDecoderConfig webSocketDecoderConfig(int maxFrameBytes) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build();
    }
}
