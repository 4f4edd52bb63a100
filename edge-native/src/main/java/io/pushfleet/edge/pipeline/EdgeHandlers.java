package io.pushfleet.edge.pipeline;

import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
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
    final WebSocketServerProtocolConfig webSocketConfig;
    final WebSocketRequestHandler webSocketRequest;
    final WsFrameDecoder wsFrameDecoder;
    final WsFrameEncoder wsFrameEncoder;
    final TcpFrameEncoder tcpFrameEncoder;
    final ConnectAdmission connects;
    final SessionHandler wsSession;
    final SessionHandler tcpSession;
    final AuthHandler auth;
    final HeartbeatHandler heartbeat;
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
        this.webSocketConfig = webSocketConfig(limits.maxFrameBytes());
        this.connects = new ConnectAdmission(s.connectLimiter(), s.metrics());
        this.webSocketRequest = new WebSocketRequestHandler(closer, connects);
        this.wsFrameDecoder = new WsFrameDecoder(jsonCodec, binaryCodec, closer);
        this.wsFrameEncoder = new WsFrameEncoder(jsonCodec, binaryCodec, s.metrics());
        this.tcpFrameEncoder = new TcpFrameEncoder(binaryCodec, s.metrics());
        int maxFrames = limits.maxFramesPerSecond();
        this.wsSession = new SessionHandler(Transport.WEBSOCKET, s.connections(), s.sweeper(), closer, s.metrics(), maxFrames);
        this.tcpSession = new SessionHandler(Transport.TCP, s.connections(), s.sweeper(), closer, s.metrics(), maxFrames);
        this.auth = new AuthHandler(s.nodeId(), s.heartbeat(), s.verifier(), s.connections(), s.routes(), closer, s.metrics(),
                s.drain());
        this.heartbeat = new HeartbeatHandler();
        this.messages = new MessageFrameHandler(s.chat(), s.acks());
        this.exceptions = new ExceptionHandler(closer);
    }

    /**
     * WebSocket settings: frames up to the frame limit, no extensions (so no permessage-deflate), UTF-8 left to
     * the JSON codec (one protocol-violation path), close frames always sent by {@link ChannelCloser} (none
     * sent implicitly on close), and a prefix match on the path because {@link WebSocketRequestHandler} has
     * already checked it exactly (the URI may carry harmless query parameters).
     */
    private static WebSocketServerProtocolConfig webSocketConfig(int maxFrameBytes) {
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .expectMaskedFrames(true)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)
                .withUTF8Validator(false)
                .build();
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WebSocketRequestHandler.PATH)
                .checkStartsWith(true)
                .decoderConfig(decoder)
                .handleCloseFrames(true)
                .sendCloseFrame(null)
                .dropPongFrames(true)
                .build();
    }
}
