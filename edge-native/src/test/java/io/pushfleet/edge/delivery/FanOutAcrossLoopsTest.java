package io.pushfleet.edge.delivery;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.pushfleet.edge.pipeline.TcpInitializer;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN 6: with several connections per event loop, a push is still ONE task per loop. Real in-memory
 * channels (Netty's local transport) on a server group of two loops, with the production TCP pipeline.
 */
class FanOutAcrossLoopsTest {

    private static final BinaryCodec CODEC = new BinaryCodec(ProtocolLimits.DEFAULTS);

    private final PipelineFixture fx = new PipelineFixture();
    private final EventLoopGroup serverLoops = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    private final EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());

    @AfterEach
    void stop() {
        serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void sixConnectionsOnTwoLoopsTakeTwoTasksAndOneEncoding() throws Exception {
        LocalAddress address = new LocalAddress("fanout-" + UUID.randomUUID());
        new ServerBootstrap().group(serverLoops).channel(LocalServerChannel.class)
                .childHandler(new TcpInitializer(fx.handlers)).bind(address).sync();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Three users with two devices each.
            clients.add(connect(address, 1 + i / 2, "d" + i));
        }
        Set<Object> loops = new HashSet<>();
        fx.connections.users().forEach(new UserId(1), s -> loops.add(s.channel().eventLoop()));
        fx.connections.users().forEach(new UserId(2), s -> loops.add(s.channel().eventLoop()));
        fx.connections.users().forEach(new UserId(3), s -> loops.add(s.channel().eventLoop()));
        assertThat(loops).as("the sessions use both server loops").hasSize(2);
        fx.binary.reset();
        Frame.Push push = new Frame.Push(new MessageId(5), new RawJson("[1,2]"), false, null);

        CompletableFuture<LocalDelivery.Outcome> outcome = new CompletableFuture<>();
        fx.delivery.deliver(push, List.of(new UserId(1), new UserId(2), new UserId(3), new UserId(4)), outcome::complete);

        LocalDelivery.Outcome o = outcome.get(5, TimeUnit.SECONDS);
        assertThat(o.loops()).as("tasks").isEqualTo(2);
        assertThat(o.writes()).isEqualTo(6);
        assertThat(o.written()).containsExactly(new UserId(1), new UserId(2), new UserId(3));
        assertThat(o.absent()).containsExactly(new UserId(4));
        assertThat(fx.binary.encodes()).isEqualTo(1);
        for (Client c : clients) {
            // A ping after the outcome: its pong arrives after every push written before it.
            c.send(new Frame.Ping());
            assertThat(c.framesUntilPong()).as("frames before pong").containsExactly(push);
        }
        assertThat(fx.allocator.unreleased()).isZero();
    }

    private Client connect(LocalAddress address, long user, String device) throws Exception {
        Client client = new Client();
        Channel ch = new Bootstrap().group(clientLoops).channel(LocalChannel.class).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel c) {
                c.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4), client);
            }
        }).connect(address).sync().channel();
        client.channel = ch;
        client.send(new Frame.Auth(fx.tokens.valid(user, device)));
        assertThat(client.next()).isInstanceOf(Frame.AuthOk.class);
        return client;
    }

    /** A client end that decodes every frame it receives into a queue. */
    private static final class Client extends SimpleChannelInboundHandler<ByteBuf> {
        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        private Channel channel;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            frames.add(CODEC.decode(msg.nioBuffer()));
        }

        void send(Frame frame) {
            channel.writeAndFlush(TcpWire.frame(frame)).syncUninterruptibly();
        }

        Frame next() throws InterruptedException {
            Frame f = frames.poll(5, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no frame within 5 s");
            }
            return f;
        }

        List<Frame> framesUntilPong() throws InterruptedException {
            List<Frame> seen = new ArrayList<>();
            for (Frame f = next(); !(f instanceof Frame.Pong); f = next()) {
                seen.add(f);
            }
            return seen;
        }
    }
}
