package io.pushfleet.edge.chat;

import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.redis.ClientMessageState;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link ClientMessages} in memory, with the state machine of the Redis scripts and no expiry of the record
 * (tests are shorter than any window). Leases never expire by themselves: a test ends one with {@link #expireLeases}.
 * Every answer is immediate.
 */
public final class InMemoryClientMessages implements ClientMessages {

    private final Map<Key, ClientMessageState> states = new HashMap<>();

    @Override
    public synchronized CompletionStage<ClientMessageState> claim(Key key, MessageId candidate) {
        ClientMessageState state = states.get(key);
        if (state instanceof ClientMessageState.Done || state instanceof ClientMessageState.Pending p && p.leaseUntilMillis() > 0) {
            return CompletableFuture.completedFuture(state);
        }
        MessageId msgId = state == null ? candidate : state.msgId();
        states.put(key, new ClientMessageState.Pending(msgId, Long.MAX_VALUE));
        return CompletableFuture.completedFuture(new ClientMessageState.Claimed(msgId));
    }

    @Override
    public synchronized CompletionStage<Void> complete(Key key, MessageId msgId, ReceiptStatus status) {
        if (states.get(key) instanceof ClientMessageState.Pending p && p.msgId().equals(msgId)) {
            states.put(key, new ClientMessageState.Done(msgId, status));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> release(Key key, MessageId msgId) {
        if (states.get(key) instanceof ClientMessageState.Pending p && p.msgId().equals(msgId)) {
            states.put(key, new ClientMessageState.Pending(msgId, 0));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Every pending attempt's lease runs out, as when its edge died. */
    public synchronized void expireLeases() {
        states.replaceAll((key, state) -> state instanceof ClientMessageState.Pending p
                ? new ClientMessageState.Pending(p.msgId(), 0) : state);
    }

    public synchronized ClientMessageState state(Key key) {
        return states.get(key);
    }
}
