package io.pushfleet.edge.chat;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.redis.ClientMessageScripts;
import io.pushfleet.model.redis.ClientMessageState;
import io.pushfleet.model.redis.RedisKeys;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import static java.util.Objects.requireNonNull;

/**
 * {@link ClientMessages} on Redis with the shared scripts ({@link ClientMessageScripts}), on the node's shared
 * asynchronous connection. A key lives for {@code window} from the first attempt; an attempt's lease lasts
 * {@code lease}, which must outlast a produce (Kafka's delivery timeout and the sender queue) and the routing.
 */
public final class RedisClientMessages implements ClientMessages {

    private final RedisAsyncCommands<String, String> redis;
    private final String leaseMillis;
    private final String windowMillis;

    public RedisClientMessages(RedisAsyncCommands<String, String> redis, Duration lease, Duration window) {
        this.redis = requireNonNull(redis, "redis");
        if (window.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("window: " + window + " (expected: > lease " + lease + ")");
        }
        this.leaseMillis = Long.toString(lease.toMillis());
        this.windowMillis = Long.toString(window.toMillis());
    }

    @Override
    public CompletionStage<ClientMessageState> claim(Key key, MessageId candidate) {
        return redis.<String>eval(ClientMessageScripts.CLAIM, ScriptOutputType.VALUE, new String[] {redisKey(key)},
                candidate.toString(), leaseMillis, windowMillis).thenApply(ClientMessageState::parse);
    }

    @Override
    public CompletionStage<Void> complete(Key key, MessageId msgId, ReceiptStatus status) {
        return redis.<Long>eval(ClientMessageScripts.COMPLETE, ScriptOutputType.INTEGER, new String[] {redisKey(key)},
                msgId.toString(), status.jsonName()).thenApply(ignored -> null);
    }

    @Override
    public CompletionStage<Void> release(Key key, MessageId msgId) {
        return redis.<Long>eval(ClientMessageScripts.RELEASE, ScriptOutputType.INTEGER, new String[] {redisKey(key)},
                msgId.toString()).thenApply(ignored -> null);
    }

    private static String redisKey(Key key) {
        return RedisKeys.clientMessage(key.userId(), key.deviceId(), key.clientMsgId());
    }
}
