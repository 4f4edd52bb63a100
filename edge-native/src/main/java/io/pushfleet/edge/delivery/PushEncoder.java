package io.pushfleet.edge.delivery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.frame.Frame;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Encodes a push frame once per wire (DESIGN 6): the binary codec at most once (shared by TCP and
 * WebSocket binary), the JSON mapping at most once, into direct buffers so that no connection's write copies
 * them again. Stateless and thread-safe.
 */
public final class PushEncoder {

    private final FrameCodec json;
    private final FrameCodec binary;
    private final ByteBufAllocator alloc;

    public PushEncoder(FrameCodec json, FrameCodec binary, ByteBufAllocator alloc) {
        this.json = requireNonNull(json, "json");
        this.binary = requireNonNull(binary, "binary");
        this.alloc = requireNonNull(alloc, "alloc");
    }

    /**
     * The frame encoded for each of {@code wires}.
     *
     * @throws io.pushfleet.model.codec.ProtocolException FRAME_TOO_LARGE when it exceeds the frame limit
     */
    public EncodedPush encode(Frame.Push frame, Set<PushWire> wires) {
        ByteBuf tcp = null;
        BinaryWebSocketFrame wsBinary = null;
        TextWebSocketFrame wsText = null;
        try {
            if (wires.contains(PushWire.TCP) || wires.contains(PushWire.WS_BINARY)) {
                byte[] bytes = binary.encode(frame);
                tcp = alloc.directBuffer(BinaryCodec.LENGTH_PREFIX_BYTES + bytes.length)
                        .writeInt(bytes.length).writeBytes(bytes);
                if (wires.contains(PushWire.WS_BINARY)) {
                    wsBinary = new BinaryWebSocketFrame(tcp.retainedSlice(BinaryCodec.LENGTH_PREFIX_BYTES, bytes.length));
                }
            }
            if (wires.contains(PushWire.WS_TEXT)) {
                byte[] bytes = json.encode(frame);
                wsText = new TextWebSocketFrame(alloc.directBuffer(bytes.length).writeBytes(bytes));
            }
            return new EncodedPush(tcp, wsBinary, wsText);
        } catch (RuntimeException e) {
            new EncodedPush(tcp, wsBinary, wsText).release();
            throw e;
        }
    }
}
