package io.pushfleet.edge.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.model.frame.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * The last handler: logs every exception that reached the end of the pipeline and closes the connection.
 * Netty's WebSocket decoders report bad input here, so their failures map to protocol codes (an oversized
 * frame to FRAME_TOO_LARGE, anything else malformed to PROTOCOL_ERROR); I/O errors mean the peer is gone;
 * everything else, including an exception a decoder threw and Netty wrapped, is a fault of ours and closes
 * with INTERNAL_ERROR. Stateless.
 */
@Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    private final SessionCloser closer;

    public ExceptionHandler(SessionCloser closer) {
        this.closer = requireNonNull(closer, "closer");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Session session = Session.of(ctx.channel());
        long connId = session == null ? 0 : session.connId();
        if (cause instanceof IOException) {
            log.debug("connection failed connId={}: {}", connId, cause.toString());
            ctx.close();
            return;
        }
        CloseCode code = classify(cause);
        if (code == CloseCode.INTERNAL_ERROR) {
            log.warn("unexpected failure connId={} userId={}", connId, session == null ? null : session.userId(), cause);
        } else {
            log.debug("bad input connId={} code={}: {}", connId, code, cause.toString());
        }
        if (session != null) {
            closer.close(session, code, code == CloseCode.INTERNAL_ERROR ? "internal error" : cause.getMessage());
        } else {
            ctx.close();
        }
    }

    static CloseCode classify(Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException ws) {
            return ws.closeStatus() != null && ws.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    ? CloseCode.FRAME_TOO_LARGE : CloseCode.PROTOCOL_ERROR;
        }
        if (cause instanceof TooLongFrameException) {
            return CloseCode.FRAME_TOO_LARGE;
        }
        if (cause instanceof DecoderException) {
            // Netty's own protocol exceptions carry no cause; a wrapped cause is a failure inside a decoder.
            return cause.getCause() == null ? CloseCode.PROTOCOL_ERROR : classify(cause.getCause());
        }
        return CloseCode.INTERNAL_ERROR;
    }
}
