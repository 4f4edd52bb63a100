package io.pushfleet.edge.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.JsonCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;

import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client's side of an EmbeddedChannel running the server pipeline: sends the upgrade request,
 * masks outgoing frames like a real client, and decodes what the server writes.
 */
public final class WsWire {

    private static final JsonCodec JSON = new JsonCodec(ProtocolLimits.DEFAULTS);
    private static final BinaryCodec BINARY = new BinaryCodec(ProtocolLimits.DEFAULTS);

    private final EmbeddedChannel server;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(
            WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));

    public WsWire(EmbeddedChannel server) {
        this.server = server;
    }

    /** Sends an upgrade request for {@code uri} with extra header lines; returns the HTTP status code answered. */
    public int upgrade(String uri, String... headerLines) {
        StringBuilder req = new StringBuilder("GET " + uri + " HTTP/1.1\r\nHost: edge.test\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String h : headerLines) {
            req.append(h).append("\r\n");
        }
        req.append("\r\n");
        return sendHttp(req.toString());
    }

    /** Sends any HTTP request text; returns the status code answered (0 if none). Bytes after the head are WS frames. */
    public int sendHttp(String request) {
        server.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        ByteBuf out = drainOutbound();
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            out.release();
            return 0;
        }
        int status = Integer.parseInt(text.substring(9, 12));
        out.skipBytes(end + 4);
        if (status == 101) {
            decoder.writeInbound(out);
        } else {
            out.release();
        }
        return status;
    }

    public void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    public void sendJson(Frame frame) {
        sendText(new String(JSON.encode(frame), StandardCharsets.UTF_8));
    }

    public void sendBinary(Frame frame) {
        sendBinaryBytes(BINARY.encode(frame));
    }

    public void sendBinaryBytes(byte[] bytes) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    public void send(WebSocketFrame frame) {
        encoder.writeOutbound(frame);
        ByteBuf masked;
        while ((masked = encoder.readOutbound()) != null) {
            server.writeInbound(masked);
        }
    }

    /** The next WebSocket frame the server wrote, or {@code null}; the caller releases it. */
    public WebSocketFrame read() {
        ByteBuf out = drainOutbound();
        if (out.isReadable()) {
            decoder.writeInbound(out);
        } else {
            out.release();
        }
        return decoder.readInbound();
    }

    /** Reads the next frame and decodes it from JSON (text) or binary. */
    public Frame readFrame() {
        WebSocketFrame f = read();
        if (f == null) {
            return null;
        }
        try {
            return f instanceof TextWebSocketFrame ? JSON.decode(f.content().nioBuffer()) : BINARY.decode(f.content().nioBuffer());
        } finally {
            f.release();
        }
    }

    private ByteBuf drainOutbound() {
        ByteBuf all = Unpooled.buffer();
        Object o;
        while ((o = server.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        return all;
    }
}
