package io.pushfleet.edge.chat;

import io.pushfleet.model.kafka.UplinkRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link UplinkProducer} in memory. Records wait until the test {@link #acknowledge}s or {@link #fail}s
 * them, like a broker that has not answered yet; with {@link #autoAcknowledge} they succeed at once.
 */
public final class InMemoryUplinkProducer implements UplinkProducer {

    /** One record as the producer got it, with its pending outcome. */
    public record Sent(UplinkRecord record, String traceId, CompletableFuture<Void> outcome) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private boolean autoAcknowledge;

    public synchronized void autoAcknowledge(boolean on) {
        this.autoAcknowledge = on;
    }

    @Override
    public synchronized CompletionStage<Void> send(UplinkRecord record, String traceId) {
        Sent s = new Sent(record, traceId, new CompletableFuture<>());
        sent.add(s);
        if (autoAcknowledge) {
            s.outcome().complete(null);
        }
        return s.outcome();
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<UplinkRecord> records() {
        return sent().stream().map(Sent::record).toList();
    }

    /** Acknowledges every record not yet answered. */
    public void acknowledge() {
        sent().forEach(s -> s.outcome().complete(null));
    }

    /** Fails every record not yet answered. */
    public void fail() {
        sent().forEach(s -> s.outcome().completeExceptionally(new IllegalStateException("broker down")));
    }

    @Override
    public void close(Duration timeout) {
    }
}
