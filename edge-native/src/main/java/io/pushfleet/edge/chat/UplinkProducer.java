package io.pushfleet.edge.chat;

import io.pushfleet.model.kafka.UplinkRecord;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where every client {@code send} and {@code uplink} goes first (DESIGN 3.8): the Kafka uplink topic, keyed by
 * user id, with the trace id in a header. {@link #send} never blocks the caller (an event loop); the stage
 * completes, on any thread, once Kafka acknowledged the record or it failed.
 */
public interface UplinkProducer {

    CompletionStage<Void> send(UplinkRecord record, String traceId);

    /** Waits up to {@code timeout} for records in flight, then releases everything. */
    void close(Duration timeout);
}
