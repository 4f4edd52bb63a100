package io.pushfleet.model.kafka;

/** Kafka topics and header names of the fleet. */
public final class Topics {

    /** Every client {@code send} and {@code uplink}, as {@link UplinkRecord}s keyed by user id. */
    public static final String UPLINK = "pushfleet.uplink";
    /** Header carrying the trace id of the message. */
    public static final String TRACE_HEADER = "trace-id";

    private Topics() {
    }
}
