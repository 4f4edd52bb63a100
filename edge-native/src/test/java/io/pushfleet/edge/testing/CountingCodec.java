package io.pushfleet.edge.testing;

import io.pushfleet.model.codec.FrameCodec;
import io.pushfleet.model.frame.Frame;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link FrameCodec} that counts how often it encodes, so tests can prove a push was encoded once. */
public final class CountingCodec implements FrameCodec {

    private final FrameCodec codec;
    private final AtomicInteger encodes = new AtomicInteger();

    public CountingCodec(FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] encode(Frame frame) {
        encodes.incrementAndGet();
        return codec.encode(frame);
    }

    @Override
    public Frame decode(ByteBuffer bytes) {
        return codec.decode(bytes);
    }

    public int encodes() {
        return encodes.get();
    }

    public void reset() {
        encodes.set(0);
    }
}
