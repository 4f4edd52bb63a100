package io.pushfleet.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.NodeId;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket edge at {@code ws://127.0.0.1:<ephemeral>/ws} on a test-scoped Netty. It answers in the
 * encoding of the last frame it got (text until then), as the edge does after {@code auth}.
 */
final class FakeWebSocketEdge implements FakeEdge {

    private static final JsonCodec JSON = new JsonCodec(ProtocolLimits.DEFAULTS);
    private static final BinaryCodec BINARY = new BinaryCodec(ProtocolLimits.DEFAULTS);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final BlockingQueue<WsPeer> accepted = new LinkedBlockingQueue<>();
    private volatile boolean anyConnected;

    FakeWebSocketEdge() {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/ws")
                .handleCloseFrames(false) // the peer records the client's close code itself
                .sendCloseFrame(null) // channel.close() drops the TCP connection without a close frame
                .build();
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new WebSocketServerProtocolHandler(config), new WsPeer());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly()
                .channel();
    }

    @Override
    public EdgeAddress address() {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        return new EdgeAddress(new NodeId("fake-ws"), URI.create("ws://127.0.0.1:" + port + "/ws"), "127.0.0.1", 9);
    }

    @Override
    public Peer awaitPeer() throws InterruptedException {
        WsPeer peer = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("no WebSocket handshake within " + WAIT);
        }
        return peer;
    }

    @Override
    public boolean noPeerYet() {
        return !anyConnected;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection: a Netty handler that is also the test's view of it. */
    private final class WsPeer extends SimpleChannelInboundHandler<WebSocketFrame> implements Peer {
        private final PeerFrames frames = new PeerFrames();
        private final CompletableFuture<Integer> clientCloseCode = new CompletableFuture<>();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private volatile Channel channel;
        private volatile String authorization;
        private volatile boolean binary;
        private volatile boolean closeSent;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                channel = ctx.channel();
                authorization = handshake.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
                anyConnected = true;
                accepted.add(this);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            switch (frame) {
                case TextWebSocketFrame text -> {
                    binary = false;
                    decode(JSON, text.text().getBytes(StandardCharsets.UTF_8));
                }
                case BinaryWebSocketFrame bin -> {
                    binary = true;
                    decode(BINARY, ByteBufUtil.getBytes(bin.content()));
                }
                case CloseWebSocketFrame close -> {
                    clientCloseCode.complete(close.statusCode());
                    if (closeSent) {
                        ctx.close(); // the client answered our close: the handshake is complete
                    } else {
                        ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                }
                default -> { } // ping and pong: the JDK client answers pings itself
            }
        }

        private void decode(FrameCodec codec, byte[] bytes) {
            try {
                frames.add(codec.decode(ByteBuffer.wrap(bytes)));
            } catch (ProtocolException e) {
                frames.addUndecodable(e.getMessage());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            closed.complete(null);
            super.channelInactive(ctx);
        }

        @Override
        public <T extends Frame> T expect(Class<T> type) throws InterruptedException {
            return frames.expect(type);
        }

        @Override
        public void send(Frame frame) {
            channel.writeAndFlush(binary ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(BINARY.encode(frame)))
                    : new TextWebSocketFrame(new String(JSON.encode(frame), StandardCharsets.UTF_8)));
        }

        @Override
        public void sendRaw(byte[] bytes) {
            channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
        }

        @Override
        public void refuse(CloseCode code, String message) {
            // The client answers with a close frame, and channelRead0 then ends the connection.
            closeSent = true;
            channel.writeAndFlush(new CloseWebSocketFrame(code.code(), message));
        }

        @Override
        public void drop() {
            channel.close();
        }

        @Override
        public String authorization() {
            return authorization;
        }

        @Override
        public int awaitClientCloseCode() throws InterruptedException {
            try {
                return clientCloseCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("no close frame from the client within " + WAIT, e);
            }
        }

        @Override
        public boolean awaitClosed() throws InterruptedException {
            try {
                closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
    }
}
