package io.pushfleet.model.codec;

import io.pushfleet.model.frame.Frame;

import java.nio.ByteBuffer;

/**
 * One encoding of {@link Frame}s: the binary codec or the JSON mapping (docs/protocol.md). Both are
 * stateless and thread-safe; a decoder reads exactly one frame and never allocates more than the input.
 */
public interface FrameCodec {

    /** The bytes of one frame; throws {@link ProtocolException} (FRAME_TOO_LARGE) past the frame limit. */
    byte[] encode(Frame frame);

    /**
     * Reads one whole frame from the buffer's remaining bytes (its position moves to the limit).
     * Anything that is not exactly one valid frame throws {@link ProtocolException} with its close code.
     */
    Frame decode(ByteBuffer bytes);
}
