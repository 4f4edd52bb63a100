package io.pushfleet.client;

/**
 * A {@link PushSession} refused a message because its buffer already holds {@link #capacity()} messages
 * waiting for their receipts (while disconnected, or faster than the edge answers). Nothing was buffered;
 * try again once receipts have come in, or raise {@code PushSession.Builder#bufferCapacity}.
 */
public final class BufferFullException extends IllegalStateException {

    private final int capacity;

    BufferFullException(int capacity) {
        super("send buffer full: " + capacity + " messages wait for receipts (expected: fewer than "
                + capacity + "; retry after receipts arrive)");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
