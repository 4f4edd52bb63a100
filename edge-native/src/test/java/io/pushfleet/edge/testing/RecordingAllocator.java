package io.pushfleet.edge.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An unpooled allocator that remembers its buffers, so a test can check every one was released. */
public final class RecordingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> allocated = new CopyOnWriteArrayList<>();

    public RecordingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return record(Unpooled.directBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return record(Unpooled.buffer(initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private ByteBuf record(ByteBuf buf) {
        allocated.add(buf);
        return buf;
    }

    public List<ByteBuf> allocated() {
        return List.copyOf(allocated);
    }

    /** Buffers still referenced. */
    public long unreleased() {
        return allocated.stream().filter(b -> b.refCnt() > 0).count();
    }
}
