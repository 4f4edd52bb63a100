package io.pushfleet.edge.chat;

import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.ClientMessageState;

import java.util.concurrent.CompletionStage;

import static java.util.Objects.requireNonNull;

/**
 * The fleet-wide record of client messages (PROTOCOL 3.4, docs/redis.md "Client messages"): one outcome per user,
 * device and {@code clientMsgId} within the dedupe window, so a message the client sends again (on this edge or
 * another) is produced and routed once and every repeat gets the first receipt. An attempt {@link #claim}s the
 * message, produces and routes it, then {@link #complete}s it, or {@link #release}s it when the produce failed.
 * Every method is asynchronous, never blocks the caller, and may complete on any thread.
 */
public interface ClientMessages {

    /** Which client message: the sender's user and device and its {@code clientMsgId}. */
    record Key(UserId userId, DeviceId deviceId, String clientMsgId) {
        public Key {
            requireNonNull(userId, "userId");
            requireNonNull(deviceId, "deviceId");
            requireNonNull(clientMsgId, "clientMsgId");
        }
    }

    /** Takes the lease (with {@code candidate} as msgId if the message is new), or says who holds it or how it ended. */
    CompletionStage<ClientMessageState> claim(Key key, MessageId candidate);

    /** Records the outcome of the attempt that claimed {@code msgId}; repeats are answered with it from now on. */
    CompletionStage<Void> complete(Key key, MessageId msgId, ReceiptStatus status);

    /** Gives the lease of {@code msgId} up, so a retry claims the message (under the same msgId) at once. */
    CompletionStage<Void> release(Key key, MessageId msgId);
}
