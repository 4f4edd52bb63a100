package io.pushfleet.edge.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import static java.util.Objects.requireNonNull;

/**
 * Builds the WebSocket pipeline: HTTP codec and a small aggregator for the upgrade request only, the request
 * check that does the handshake (which replaces all three with Netty's WebSocket frame decoder and encoder),
 * the JSON/binary frame codec, then the shared frame handlers. Once authenticated, a connection keeps six
 * handlers: Netty's frame decoder and encoder, and the shared frame codec, session, messages and exceptions.
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
                .addLast(HandlerNames.WS_FRAME_CODEC, h.wsFrameCodec)
                .addLast(HandlerNames.SESSION, h.wsSession)
                .addLast(HandlerNames.AUTH, h.auth)
                .addLast(HandlerNames.MESSAGES, h.messages)
                .addLast(HandlerNames.EXCEPTIONS, h.exceptions);
    }
}
