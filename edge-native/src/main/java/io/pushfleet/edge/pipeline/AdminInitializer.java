package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.pushfleet.edge.health.AdminHttpHandler;

import static java.util.Objects.requireNonNull;

/** Builds the admin port's pipeline: HTTP codec, a small aggregator, {@link AdminHttpHandler}. */
public final class AdminInitializer extends ChannelInitializer<Channel> {

    /** Admin requests carry no body worth more than this. */
    private static final int MAX_REQUEST_BYTES = 4096;

    private final AdminHttpHandler handler;

    public AdminInitializer(AdminHttpHandler handler) {
        this.handler = requireNonNull(handler, "handler");
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast(HandlerNames.HTTP_CODEC, new HttpServerCodec())
                .addLast(HandlerNames.HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast(HandlerNames.ADMIN_HTTP, handler);
    }
}
