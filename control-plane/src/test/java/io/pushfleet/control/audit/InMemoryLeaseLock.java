package io.pushfleet.control.audit;

import java.util.concurrent.atomic.AtomicReference;

/** {@link LeaseLock} in memory: holders built on one {@link #holder} reference compete for it; leases never run out by themselves. */
final class InMemoryLeaseLock implements LeaseLock {

    private final AtomicReference<String> holder;
    private final String token;

    InMemoryLeaseLock(AtomicReference<String> holder, String token) {
        this.holder = holder;
        this.token = token;
    }

    @Override
    public boolean hold() {
        return holder.compareAndSet(null, token) || token.equals(holder.get());
    }

    @Override
    public void release() {
        holder.compareAndSet(token, null);
    }
}
