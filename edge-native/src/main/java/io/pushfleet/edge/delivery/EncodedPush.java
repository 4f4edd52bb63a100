package io.pushfleet.edge.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * One push frame, encoded once per wire it is needed on (DESIGN 6). Each connection is written a
 * {@link #duplicateFor retained duplicate} that shares the bytes; the holder {@link #release()}s its own
 * references once every write has been issued. The TCP buffer and the WebSocket binary frame share one
 * buffer (the binary frame is a slice behind the length prefix).
 *
 * <p>Writing a duplicate is safe from the event loop of the channel it goes to; releasing is safe once all
 * duplicates were taken.
 */
public final class EncodedPush {

    private final ByteBuf tcp;
    private final BinaryWebSocketFrame wsBinary;
    private final TextWebSocketFrame wsText;

    EncodedPush(ByteBuf tcp, BinaryWebSocketFrame wsBinary, TextWebSocketFrame wsText) {
        this.tcp = tcp;
        this.wsBinary = wsBinary;
        this.wsText = wsText;
    }

    /** A duplicate to write to one connection of {@code wire}; the write releases it. */
    public Object duplicateFor(PushWire wire) {
        Object encoded = switch (wire) {
            case TCP -> tcp == null ? null : tcp.retainedDuplicate();
            case WS_BINARY -> wsBinary == null ? null : wsBinary.retainedDuplicate();
            case WS_TEXT -> wsText == null ? null : wsText.retainedDuplicate();
        };
        if (encoded == null) {
            throw new IllegalStateException("push was not encoded for " + wire);
        }
        return encoded;
    }

    /** Drops this holder's references; the bytes live on until every written duplicate is flushed. */
    public void release() {
        ReferenceCountUtil.release(tcp);
        ReferenceCountUtil.release(wsBinary);
        ReferenceCountUtil.release(wsText);
    }
}
