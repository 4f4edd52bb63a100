package io.pushfleet.model.redis;

import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.MessageId;

import static java.util.Objects.requireNonNull;

/**
 * What the fleet knows of one client message ({@link RedisKeys#clientMessage}), as {@link ClientMessageScripts#CLAIM}
 * answers it (docs/redis.md, "Client messages"): {@link Claimed} by the caller, which now produces it;
 * {@link Pending} with another attempt that holds an unexpired lease; or {@link Done} with the first receipt.
 */
public sealed interface ClientMessageState {

    /** The message id every attempt of this client message uses. */
    MessageId msgId();

    /** The caller holds the lease: produce and route with {@code msgId} (a taken-over lease keeps the first id). */
    record Claimed(MessageId msgId) implements ClientMessageState {
        public Claimed {
            requireNonNull(msgId, "msgId");
        }
    }

    /** Another attempt holds the lease until {@code leaseUntilMillis} (Redis server time); ask again later. */
    record Pending(MessageId msgId, long leaseUntilMillis) implements ClientMessageState {
        public Pending {
            requireNonNull(msgId, "msgId");
        }
    }

    /** Produced and routed; every repeat is answered with this receipt and nothing else. */
    record Done(MessageId msgId, ReceiptStatus status) implements ClientMessageState {
        public Done {
            requireNonNull(msgId, "msgId");
            requireNonNull(status, "status");
        }
    }

    /** Parses a {@code CLAIM} answer: {@code claimed:<msgId>}, {@code pending:<msgId>:<leaseUntilMillis>} or {@code done:<msgId>:<status>}. */
    static ClientMessageState parse(String text) {
        requireNonNull(text, "text");
        String[] parts = text.split(":", -1);
        try {
            MessageId msgId = MessageId.parse(parts.length > 1 ? parts[1] : "");
            switch (parts[0]) {
                case "claimed" -> {
                    if (parts.length == 2) {
                        return new Claimed(msgId);
                    }
                }
                case "pending" -> {
                    if (parts.length == 3) {
                        return new Pending(msgId, Long.parseLong(parts[2]));
                    }
                }
                case "done" -> {
                    ReceiptStatus status = parts.length == 3 ? ReceiptStatus.ofJsonName(parts[2]) : null;
                    if (status != null) {
                        return new Done(msgId, status);
                    }
                }
                default -> {
                    // Not a state: reported below.
                }
            }
        } catch (IllegalArgumentException e) {
            throw malformed(text, e);
        }
        throw malformed(text, null);
    }

    private static IllegalArgumentException malformed(String text, Throwable cause) {
        return new IllegalArgumentException("client message state: '" + text
                + "' (expected: claimed:<msgId>, pending:<msgId>:<millis> or done:<msgId>:<status>)", cause);
    }
}
