package io.pushfleet.edge.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.frame.Frame;

/** The TCP framing from the client's side: length-prefixed binary frames in and out of an EmbeddedChannel. */
public final class TcpWire {

    private static final BinaryCodec CODEC = new BinaryCodec(ProtocolLimits.DEFAULTS);

    private TcpWire() {
    }

    public static ByteBuf frame(Frame frame) {
        return raw(CODEC.encode(frame));
    }

    /** Any bytes behind a correct length prefix. */
    public static ByteBuf raw(byte[] payload) {
        return Unpooled.buffer(4 + payload.length).writeInt(payload.length).writeBytes(payload);
    }

    /** Only a length prefix, as the start of a frame of that length. */
    public static ByteBuf lengthOnly(long length) {
        return Unpooled.buffer(4).writeInt((int) length);
    }

    /** The next frame the server wrote, or {@code null}. */
    public static Frame read(EmbeddedChannel ch) {
        ByteBuf buf = ch.readOutbound();
        if (buf == null) {
            return null;
        }
        try {
            int length = buf.readInt();
            if (length != buf.readableBytes()) {
                throw new AssertionError("length prefix " + length + " but " + buf.readableBytes() + " bytes");
            }
            return CODEC.decode(buf.nioBuffer());
        } finally {
            buf.release();
        }
    }
}
