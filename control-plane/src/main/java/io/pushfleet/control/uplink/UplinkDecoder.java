package io.pushfleet.control.uplink;

import io.pushfleet.model.kafka.Topics;
import io.pushfleet.model.kafka.UplinkRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Turns a consumed record into an {@link UplinkRow}, or says why it cannot be one. A record with an unusable
 * trace header is kept without a trace id: tracing must not cost a message.
 */
final class UplinkDecoder {

    private UplinkDecoder() {
    }

    /**
     * @throws MalformedRecordException when the value is missing, not an {@link UplinkRecord}, or breaks a
     *     column limit
     */
    static UplinkRow decode(ConsumerRecord<byte[], byte[]> record) throws MalformedRecordException {
        if (record.value() == null) {
            throw new MalformedRecordException("no value");
        }
        try {
            return UplinkRow.of(UplinkRecord.fromJsonBytes(record.value()), traceId(record));
        } catch (RuntimeException e) {
            // shared-model signals bad input with IllegalArgumentException and NullPointerException (requireNonNull).
            throw new MalformedRecordException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The trace header's value when it is printable ASCII of a storable length, else null. */
    static String traceId(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(Topics.TRACE_HEADER);
        if (header == null || header.value() == null || header.value().length == 0
                || header.value().length > UplinkRow.TRACE_ID_MAX_LENGTH) {
            return null;
        }
        for (byte b : header.value()) {
            if (b < 0x21 || b > 0x7e) {
                return null;
            }
        }
        return new String(header.value(), StandardCharsets.US_ASCII);
    }

    /** A record that cannot be stored; carries the reason, never the payload. */
    static final class MalformedRecordException extends Exception {
        MalformedRecordException(String reason) {
            super(reason, null, false, false);
        }
    }
}
