package io.pushfleet.edge.it;

import io.pushfleet.edge.chat.ClientMessages;
import io.pushfleet.edge.chat.RedisClientMessages;
import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.ClientMessageState;
import io.pushfleet.model.redis.RedisKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client message scripts (docs/redis.md, "Client messages") on a real redis-server: the state machine and its TTLs. */
class ClientMessagesIT {

    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final AtomicLong NEXT = new AtomicLong(1);

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.empty();

    private static ClientMessages messages;

    @BeforeAll
    static void start() throws Exception {
        messages = new RedisClientMessages(REDIS.async(), LEASE, WINDOW);
    }

    @Test
    void theFirstClaimWinsForTheWindowAndLaterOnesSeeItPendingThenDone() {
        ClientMessages.Key key = key();

        ClientMessageState first = claim(key, 101);
        ClientMessageState second = claim(key, 102);
        messages.complete(key, new MessageId(101), ReceiptStatus.ACCEPTED).toCompletableFuture().join();
        ClientMessageState third = claim(key, 103);

        assertThat(first).isEqualTo(new ClientMessageState.Claimed(new MessageId(101)));
        assertThat(second).isInstanceOfSatisfying(ClientMessageState.Pending.class,
                p -> assertThat(p.msgId()).isEqualTo(new MessageId(101)));
        assertThat(third).isEqualTo(new ClientMessageState.Done(new MessageId(101), ReceiptStatus.ACCEPTED));
        assertThat(REDIS.sync().pttl(redisKey(key))).as("the window, kept through every change")
                .isBetween(WINDOW.minusMinutes(1).toMillis(), WINDOW.toMillis());
    }

    @Test
    void aReleasedClaimIsTakenOverAtOnceUnderTheFirstMsgId() {
        ClientMessages.Key key = key();
        claim(key, 201);

        messages.release(key, new MessageId(201)).toCompletableFuture().join();

        assertThat(claim(key, 202)).isEqualTo(new ClientMessageState.Claimed(new MessageId(201)));
        assertThat(claim(key, 203)).as("the taker holds a fresh lease").isInstanceOf(ClientMessageState.Pending.class);
    }

    @Test
    void anExpiredLeaseIsTakenOverUnderTheFirstMsgId() {
        ClientMessages.Key key = key();
        ClientMessages shortLease = new RedisClientMessages(REDIS.async(), Duration.ofMillis(300), WINDOW);
        shortLease.claim(key, new MessageId(301)).toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(10)).until(() -> claim(key, 302) instanceof ClientMessageState.Claimed);

        assertThat(REDIS.sync().get(redisKey(key))).startsWith("pending:301:");
    }

    @Test
    void aCompletionOrReleaseOfAnotherMsgIdChangesNothing() {
        ClientMessages.Key key = key();
        claim(key, 401);
        String before = REDIS.sync().get(redisKey(key));

        messages.complete(key, new MessageId(40), ReceiptStatus.ACCEPTED).toCompletableFuture().join();
        messages.release(key, new MessageId(40)).toCompletableFuture().join();

        assertThat(REDIS.sync().get(redisKey(key))).isEqualTo(before);
    }

    @Test
    void anUnreadableRecordIsReplacedByANewClaim() {
        ClientMessages.Key key = key();
        REDIS.sync().set(redisKey(key), "garbage");

        assertThat(claim(key, 501)).isEqualTo(new ClientMessageState.Claimed(new MessageId(501)));
        assertThat(REDIS.sync().pttl(redisKey(key))).isPositive();
    }

    private static ClientMessageState claim(ClientMessages.Key key, long candidate) {
        return messages.claim(key, new MessageId(candidate)).toCompletableFuture().join();
    }

    private static ClientMessages.Key key() {
        return new ClientMessages.Key(new UserId(NEXT.getAndIncrement()), new DeviceId("d"), "c-1");
    }

    private static String redisKey(ClientMessages.Key key) {
        return RedisKeys.clientMessage(key.userId(), key.deviceId(), key.clientMsgId());
    }
}
