package io.pushfleet.control.chat;

import io.pushfleet.model.id.UserId;

import java.util.List;

/** Read access to the persisted messages ({@code messages}, written by the uplink consumer). */
public interface MessageHistoryRepository {

    /**
     * Up to {@code limit} messages the user sent (any kind) or that were sent to them directly, with a
     * message id below {@code beforeMsgId}, newest (highest id) first.
     */
    List<StoredMessage> page(UserId userId, long beforeMsgId, int limit);
}
