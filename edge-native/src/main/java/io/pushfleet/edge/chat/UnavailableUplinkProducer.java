package io.pushfleet.edge.chat;

import io.pushfleet.model.kafka.UplinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The {@link UplinkProducer} of a node started without Kafka: every record fails, so senders get a
 * {@code failed} receipt (they may retry on another node). Says why once, on the first refusal.
 */
public final class UnavailableUplinkProducer implements UplinkProducer {

    private static final Logger log = LoggerFactory.getLogger(UnavailableUplinkProducer.class);

    private final String setting;
    private final AtomicBoolean logged = new AtomicBoolean();

    /** {@code setting} names the setting that would enable Kafka, for the log line. */
    public UnavailableUplinkProducer(String setting) {
        this.setting = requireNonNull(setting, "setting");
    }

    @Override
    public CompletionStage<Void> send(UplinkRecord record, String traceId) {
        if (logged.compareAndSet(false, true)) {
            log.warn("no Kafka configured ({}): send and uplink are answered with receipt failed", setting);
        }
        return CompletableFuture.failedFuture(new IllegalStateException("Kafka is not configured"));
    }

    @Override
    public void close(Duration timeout) {
    }
}
