package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.edge.session.WireEncoding;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Decodes whole WebSocket data frames into {@code Frame}s (PROTOCOL 1): text frames with the JSON mapping,
 * binary frames with the binary codec. While the connection awaits auth, the frame's encoding becomes the
 * session's reply encoding. Control frames never get here (the protocol handler answers them). Stateless:
 * the "corrupt" mark is the session's closing state. The superclass releases every frame.
 */
@Sharable
public final class WsFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final FrameCodec json;
    private final FrameCodec binary;
    private final SessionCloser closer;

    public WsFrameDecoder(FrameCodec json, FrameCodec binary, SessionCloser closer) {
        super(WebSocketFrame.class);
        this.json = requireNonNull(json, "json");
        this.binary = requireNonNull(binary, "binary");
        this.closer = requireNonNull(closer, "closer");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        Session session = Session.of(ctx.channel());
        if (session == null || session.closing()) {
            return;
        }
        WireEncoding encoding;
        if (frame instanceof TextWebSocketFrame) {
            encoding = WireEncoding.JSON;
        } else if (frame instanceof BinaryWebSocketFrame) {
            encoding = WireEncoding.BINARY;
        } else {
            protocolViolation(session, CloseCode.PROTOCOL_ERROR,
                    "WebSocket frame: " + frame.getClass().getSimpleName() + " (expected: text or binary)");
            return;
        }
        try {
            out.add((encoding == WireEncoding.JSON ? json : binary).decode(frame.content().nioBuffer()));
            session.encoding(encoding);
        } catch (ProtocolException e) {
            protocolViolation(session, e.closeCode(), e.getMessage());
        }
    }

    /** The one exit for bad input: the session starts closing (so later input is dropped above) with the code. */
    private void protocolViolation(Session session, CloseCode code, String reason) {
        closer.close(session, code, reason);
    }
}
