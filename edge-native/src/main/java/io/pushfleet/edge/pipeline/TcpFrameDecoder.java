package io.pushfleet.edge.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.model.codec.BinaryCodec;
import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.frame.CloseCode;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits the raw TCP byte stream into frames (PROTOCOL 1: a 4-byte big-endian unsigned length, then that
 * many bytes of one binary frame) and decodes each into a {@code Frame}. A length over the frame limit
 * closes with FRAME_TOO_LARGE before any of the frame is buffered; a zero length or a frame the codec
 * refuses closes with the codec's code. Not sharable: it holds the partial frame of its connection.
 */
public final class TcpFrameDecoder extends ByteToMessageDecoder {

    private final FrameCodec codec;
    private final int maxFrameBytes;
    private final SessionCloser closer;
    private boolean corrupt;

    public TcpFrameDecoder(FrameCodec codec, int maxFrameBytes, SessionCloser closer) {
        this.codec = requireNonNull(codec, "codec");
        this.maxFrameBytes = maxFrameBytes;
        this.closer = requireNonNull(closer, "closer");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupt) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < BinaryCodec.LENGTH_PREFIX_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        if (length > maxFrameBytes) {
            protocolViolation(ctx, in, CloseCode.FRAME_TOO_LARGE,
                    "frame length: " + length + " (expected: <= " + maxFrameBytes + ")");
            return;
        }
        if (length == 0) {
            protocolViolation(ctx, in, CloseCode.PROTOCOL_ERROR, "frame length: 0 (expected: >= 1)");
            return;
        }
        int frameLength = (int) length;
        if (in.readableBytes() < BinaryCodec.LENGTH_PREFIX_BYTES + frameLength) {
            return;
        }
        in.skipBytes(BinaryCodec.LENGTH_PREFIX_BYTES);
        int start = in.readerIndex();
        in.skipBytes(frameLength);
        try {
            out.add(codec.decode(in.nioBuffer(start, frameLength)));
        } catch (ProtocolException e) {
            protocolViolation(ctx, in, e.closeCode(), e.getMessage());
        }
    }

    /** The one exit for bad input: mark corrupt, discard what is buffered, and close with the code. */
    private void protocolViolation(ChannelHandlerContext ctx, ByteBuf in, CloseCode code, String reason) {
        corrupt = true;
        in.skipBytes(in.readableBytes());
        Session session = Session.of(ctx.channel());
        if (session != null) {
            closer.close(session, code, reason);
        } else {
            ctx.close();
        }
    }
}
