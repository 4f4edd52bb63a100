package io.pushfleet.control.chat;

import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A persisted client message as the history reads it. {@code kind} is {@code send} or {@code uplink};
 * {@code to} is null for an uplink; {@code body} is the JSON text as received.
 */
public record StoredMessage(MessageId msgId, String kind, UserId from, Target to, String body, Instant receivedAt) {

    public StoredMessage {
        requireNonNull(msgId, "msgId");
        requireNonNull(kind, "kind");
        requireNonNull(from, "from");
        requireNonNull(body, "body");
        requireNonNull(receivedAt, "receivedAt");
    }
}
