package io.pushfleet.control.push;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The {@code offline_messages} table: messages waiting for their user to connect (DESIGN 3.6). A message
 * is stored at most once per user, and moves only {@code stored -> delivered} or {@code stored -> expired}.
 * Blocking.
 */
public interface OfflineMessageRepository {

    /** Stores a chat message for each user that does not have it yet; returns how many were stored. */
    int storeChat(MessageId msgId, UserId from, Collection<UserId> users, RawJson body, String traceId,
                  boolean needsAck, Instant expiresAt, Instant now);

    /** The user's stored messages in message-id order, with their bodies, expired ones included. */
    List<OfflineMessage> stored(UserId userId, int limit);

    /** Moves the users' stored copies of {@code msgId} to {@code to}; returns how many moved. */
    int move(MessageId msgId, Collection<UserId> users, DeliveryState to, Instant now);

    /** Stored messages whose expiry is at or before {@code now}, without bodies. */
    List<OfflineMessage> due(Instant now, int limit);

    /** Marks these stored messages expired; returns how many moved. */
    int expire(Collection<Long> ids, Instant now);
}
