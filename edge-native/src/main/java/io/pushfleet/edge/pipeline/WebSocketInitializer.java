package io.pushfleet.edge.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import static java.util.Objects.requireNonNull;

/**
 * Builds the WebSocket pipeline: HTTP codec and a small aggregator for the upgrade request only (the
 * handshake removes both), the request check, Netty's protocol handler (handshake, control frames), an
 * aggregator for fragmented messages up to the frame limit, JSON/binary frame codecs, then the shared frame
 * handlers.
 */
public final class WebSocketInitializer extends ChannelInitializer<Channel> {

    private final EdgeHandlers h;

    public WebSocketInitializer(EdgeHandlers handlers) {
        this.h = requireNonNull(handlers, "handlers");
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec())
                .addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(EdgeHandlers.MAX_UPGRADE_REQUEST_BYTES))
                .addLast(HandlerNames.WS_REQUEST, h.webSocketRequest)
                .addLast(HandlerNames.WS_PROTOCOL, new WebSocketServerProtocolHandler(h.webSocketConfig))
                .addLast(HandlerNames.WS_AGGREGATOR, new WebSocketFrameAggregator(h.limits.maxFrameBytes()))
                .addLast(HandlerNames.WS_FRAME_DECODER, h.wsFrameDecoder)
                .addLast(HandlerNames.WS_FRAME_ENCODER, h.wsFrameEncoder)
                .addLast(HandlerNames.SESSION, h.wsSession)
                .addLast(HandlerNames.AUTH, h.auth)
                .addLast(HandlerNames.HEARTBEAT, h.heartbeat)
                .addLast(HandlerNames.MESSAGES, h.messages)
                .addLast(HandlerNames.EXCEPTIONS, h.exceptions);
    }
}
