package io.pushfleet.control.push;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;

/**
 * A message stored for a user who was not connected: a push ({@code taskId > 0}, body taken from the task)
 * or a chat message ({@code taskId == 0}, {@code from} set). {@code body} is null where a caller does not
 * need it.
 */
public record OfflineMessage(long id, UserId userId, MessageId msgId, long taskId, UserId from, boolean needsAck,
                             RawJson body, String traceId, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
