package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * A {@link FrameListener} that keeps what arrives in a bounded queue, for tests and tools: pushes,
 * receipts, reconnects and errors are queued (when full, the oldest is dropped and counted); pongs are only
 * counted. {@link #await} takes the first queued frame of a type and leaves the others in place.
 */
public final class Inbox implements FrameListener {

    public static final int DEFAULT_CAPACITY = 1024;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private final AtomicLong pongs = new AtomicLong();
    private long dropped; // guarded by lock

    /** An inbox of {@value #DEFAULT_CAPACITY} frames. */
    public Inbox() {
        this(DEFAULT_CAPACITY);
    }

    public Inbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
    }

    @Override
    public void onPush(Frame.Push push) {
        add(push);
    }

    @Override
    public void onReceipt(Frame.Receipt receipt) {
        add(receipt);
    }

    @Override
    public void onReconnect(Frame.Reconnect reconnect) {
        add(reconnect);
    }

    @Override
    public void onError(Frame.Error error) {
        add(error);
    }

    @Override
    public void onPong(Frame.Pong pong) {
        pongs.incrementAndGet();
    }

    private void add(Frame frame) {
        lock.lock();
        try {
            if (frames.size() == capacity) {
                frames.removeFirst();
                dropped++;
            }
            frames.addLast(frame);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the first queued push, waiting up to {@code timeout} for one. */
    public Frame.Push awaitPush(Duration timeout) throws InterruptedException, TimeoutException {
        return await(Frame.Push.class, timeout);
    }

    /** Takes the first queued frame of {@code type}, waiting up to {@code timeout} for one. */
    public <T extends Frame> T await(Class<T> type, Duration timeout) throws InterruptedException, TimeoutException {
        requireNonNull(type, "type");
        long left = requireNonNull(timeout, "timeout").toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<Frame> it = frames.iterator(); it.hasNext(); ) {
                    Frame f = it.next();
                    if (type.isInstance(f)) {
                        it.remove();
                        return type.cast(f);
                    }
                }
                if (left <= 0) {
                    throw new TimeoutException("no " + type.getSimpleName() + " within " + timeout);
                }
                left = arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The queued frames, oldest first, without taking them. */
    public List<Frame> snapshot() {
        lock.lock();
        try {
            return List.copyOf(frames);
        } finally {
            lock.unlock();
        }
    }

    public long pongs() {
        return pongs.get();
    }

    /** Frames dropped because the queue was full. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** How many frames the queue holds before it drops the oldest. */
    public int capacity() {
        return capacity;
    }
}
