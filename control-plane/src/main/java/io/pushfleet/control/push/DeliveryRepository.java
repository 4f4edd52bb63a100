package io.pushfleet.control.push;

import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The {@code push_deliveries} table: one row per (task, target user). Rows only move forward
 * ({@link DeliveryState#sourcesOf}), so every call is idempotent. Calls made inside
 * {@link Transactions#run} share its transaction. Blocking.
 */
public interface DeliveryRepository {

    /** Creates rows in {@code state} for the users that have none; returns how many were created. */
    int insertMissing(long taskId, Collection<UserId> users, DeliveryState state, Instant now);

    /** Moves the users' rows to {@code to} from every state allowed to move there; returns how many moved. */
    int move(long taskId, Collection<UserId> users, DeliveryState to, Instant now);

    /**
     * For the users whose row is {@code offline}: stores the task's message for them until {@code expiresAt}
     * (one {@code offline_messages} row each) and moves the row to {@code stored}; returns how many.
     */
    int store(PushTask task, Collection<UserId> users, Instant expiresAt, Instant now);

    /** A page of a task's rows with user ids above {@code afterUserId}, ascending; {@code state} null for all. */
    List<Row> page(long taskId, DeliveryState state, long afterUserId, int limit);

    /** The user's rows of the most recent tasks first. */
    List<UserRow> recentForUser(UserId userId, int limit);

    /** One target of a task. */
    record Row(UserId userId, DeliveryState state, Instant updatedAt) {
    }

    /** One task a user was a target of. */
    record UserRow(long taskId, MessageId msgId, DeliveryState state, Instant updatedAt) {
    }
}
