package io.pushfleet.client;

import io.pushfleet.model.frame.Frame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * The bounded buffer of a {@link PushSession}'s {@code send} and {@code uplink} frames that have no receipt
 * yet. A frame stays until the receipt for its {@code clientMsgId} arrives, so frames written on a
 * connection that then dropped are sent again, in their original order, on the next one
 * ({@link #rewind}). Not thread-safe: the session guards it with its lock.
 */
final class Outbox {

    /** One buffered frame and the future its receipt completes. */
    record Pending(Frame frame, String clientMsgId, CompletableFuture<Frame.Receipt> receipt) {
    }

    private final int capacity;
    /** Every frame without a receipt, by clientMsgId, oldest first. */
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    /** Those not yet written on the current connection, in order; may hold entries whose receipt came since. */
    private final ArrayDeque<Pending> unsent = new ArrayDeque<>();

    Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
    }

    /**
     * Buffers a frame behind the others. Throws {@link BufferFullException} when {@code capacity} frames
     * wait for receipts, and {@link IllegalArgumentException} when one of them has the same clientMsgId
     * (its receipt could not be told apart).
     */
    Pending add(Frame frame, String clientMsgId) {
        requireNonNull(frame, "frame");
        requireNonNull(clientMsgId, "clientMsgId");
        if (pending.size() >= capacity) {
            throw new BufferFullException(capacity);
        }
        if (pending.containsKey(clientMsgId)) {
            throw new IllegalArgumentException("clientMsgId: '" + clientMsgId
                    + "' (expected: not the id of a message still waiting for its receipt)");
        }
        Pending p = new Pending(frame, clientMsgId, new CompletableFuture<>());
        pending.put(clientMsgId, p);
        unsent.addLast(p);
        return p;
    }

    /** Removes and answers the frame this receipt is for, or null when none is buffered. */
    Pending receipt(String clientMsgId) {
        return pending.remove(clientMsgId);
    }

    /** True when a frame waits to be written on the current connection. */
    boolean hasUnsent() {
        dropAnswered();
        return !unsent.isEmpty();
    }

    /** The next frame to write, taken out of the unsent queue (it stays buffered until its receipt); or null. */
    Pending next() {
        dropAnswered();
        return unsent.pollFirst();
    }

    /** A new connection: every buffered frame is to be written again, oldest first. */
    void rewind() {
        unsent.clear();
        unsent.addAll(pending.values());
    }

    /** Empties the buffer and answers what it held, oldest first. */
    List<Pending> clear() {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        unsent.clear();
        return all;
    }

    /** True when a frame written on the current connection still waits for its receipt. */
    boolean inFlight() {
        Set<Pending> notWritten = Collections.newSetFromMap(new IdentityHashMap<>());
        notWritten.addAll(unsent);
        return pending.values().stream().anyMatch(p -> !notWritten.contains(p));
    }

    /** Frames without a receipt. */
    int size() {
        return pending.size();
    }

    int capacity() {
        return capacity;
    }

    private void dropAnswered() {
        while (!unsent.isEmpty() && pending.get(unsent.peekFirst().clientMsgId()) != unsent.peekFirst()) {
            unsent.pollFirst();
        }
    }
}
