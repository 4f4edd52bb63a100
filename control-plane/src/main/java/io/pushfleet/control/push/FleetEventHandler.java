package io.pushfleet.control.push;

import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Applies one event of the edges (DESIGN 3.5, 3.6) to the delivery records. Every change is a forward move
 * of {@link DeliveryState} or an insert of what is missing, so an event applied twice (redelivered,
 * claimed from a crashed consumer, or sent twice) changes nothing the second time. The one side effect
 * that repeats is a replay: on {@code connected}, and when a message is stored for a user who already has a
 * route again (reported absent by the node it left, while it reconnected elsewhere). Clients drop the
 * duplicate by message id.
 */
public final class FleetEventHandler {

    private final PushTaskRepository tasks;
    private final DeliveryRepository deliveries;
    private final OfflineMessageRepository offline;
    private final Transactions transactions;
    private final CommandPublisher publisher;
    private final OfflineExpiry expiry;
    private final PushMetrics metrics;
    private final ConnectedReplay reconnected;
    private final Clock clock;
    private final Duration chatTtl;
    private final int replayLimit;

    public FleetEventHandler(PushTaskRepository tasks, DeliveryRepository deliveries, OfflineMessageRepository offline,
                             Transactions transactions, CommandPublisher publisher, OfflineExpiry expiry,
                             RouteLookup routes, PushMetrics metrics, Clock clock, Duration chatTtl, int replayLimit) {
        this.tasks = requireNonNull(tasks, "tasks");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.offline = requireNonNull(offline, "offline");
        this.transactions = requireNonNull(transactions, "transactions");
        this.publisher = requireNonNull(publisher, "publisher");
        this.expiry = requireNonNull(expiry, "expiry");
        this.metrics = requireNonNull(metrics, "metrics");
        this.reconnected = new ConnectedReplay(routes, this::replay);
        this.clock = requireNonNull(clock, "clock");
        this.chatTtl = requireNonNull(chatTtl, "chatTtl");
        this.replayLimit = replayLimit;
    }

    /** Applies the event; false if it was ignored (a report for a task that does not exist or has another message id). */
    public boolean handle(FleetEvent event) {
        return switch (event) {
            case FleetEvent.Delivered delivered -> delivered(delivered);
            case FleetEvent.Acked acked -> acked(acked);
            case FleetEvent.Connected connected -> connected(connected);
            case FleetEvent.Undeliverable undeliverable -> undeliverable(undeliverable);
        };
    }

    /**
     * Written users: {@code routed -> written}, or {@code stored -> delivered} for a replay (also their
     * offline copy); a broadcast's rows are created here. Absent users: {@code routed -> offline -> stored},
     * and replayed at once to those who have a route again (see {@link #replayToReconnected}).
     * A replayed chat message (task 0) has only offline copies.
     */
    private boolean delivered(FleetEvent.Delivered event) {
        int stored = deliver(event);
        if (stored > 0) {
            replayToReconnected(event.absent());
        }
        return stored >= 0;
    }

    /**
     * A command left unread on the stream of a node that died (found by the route auditor): its targets were
     * never reached there, so they are handled as absent ones. A push's targets still {@code routed} move to
     * {@code stored} (rows the node did report on stay as they are); chat another edge relayed there is stored
     * like an undeliverable message. Idempotent like every event; returns how many targets were stored.
     */
    public int storeUnread(NodeId node, PushCommand command) {
        if (command.report()) {
            return Math.max(0, deliver(new FleetEvent.Delivered(node, command.msgId(), command.taskId(), List.of(),
                    command.targets())));
        }
        if (command.from() == null || command.targets().isEmpty()) {
            return 0;
        }
        return store(new FleetEvent.Undeliverable(node, command.msgId(), command.from(), command.targets(),
                command.body(), command.traceId()));
    }

    /** Applies a delivery report; returns how many absent targets were stored, or -1 when it was ignored. */
    private int deliver(FleetEvent.Delivered event) {
        Instant now = clock.instant();
        if (event.taskId() == 0) {
            offline.move(event.msgId(), event.written(), DeliveryState.DELIVERED, now);
            return 0;
        }
        Optional<PushTask> found = tasks.find(event.taskId()).filter(t -> t.msgId().equals(event.msgId()));
        if (found.isEmpty()) {
            return -1;
        }
        PushTask task = found.get();
        int[] moved = new int[4];
        transactions.run(() -> {
            moved[0] = deliveries.move(task.id(), event.written(), DeliveryState.WRITTEN, now);
            moved[1] = deliveries.move(task.id(), event.written(), DeliveryState.DELIVERED, now);
            offline.move(task.msgId(), event.written(), DeliveryState.DELIVERED, now);
            if (task.broadcast()) {
                moved[0] += deliveries.insertMissing(task.id(), event.written(), DeliveryState.WRITTEN, now);
            } else {
                moved[2] = deliveries.move(task.id(), event.absent(), DeliveryState.OFFLINE, now);
                moved[3] = deliveries.store(task, event.absent(), now.plus(task.ttl()), now);
            }
        });
        metrics.entered(DeliveryState.WRITTEN, moved[0]);
        metrics.entered(DeliveryState.DELIVERED, moved[1]);
        metrics.entered(DeliveryState.OFFLINE, moved[2]);
        metrics.entered(DeliveryState.STORED, moved[3]);
        if (task.state() != TaskState.DONE) {
            tasks.markDoneIfSettled(task.id(), now);
        }
        return moved[2];
    }

    /** Acked users: any state before {@code acked} moves there; their offline copy counts as delivered. */
    private boolean acked(FleetEvent.Acked event) {
        Instant now = clock.instant();
        Map<MessageId, List<UserId>> byMessage = new LinkedHashMap<>();
        for (FleetEvent.UserMessage ack : event.acks()) {
            byMessage.computeIfAbsent(ack.msgId(), ignored -> new ArrayList<>()).add(ack.userId());
        }
        byMessage.forEach((msgId, users) -> {
            Optional<PushTask> task = tasks.findByMsgId(msgId);
            int[] moved = new int[1];
            transactions.run(() -> {
                offline.move(msgId, users, DeliveryState.DELIVERED, now);
                task.ifPresent(t -> {
                    moved[0] = deliveries.move(t.id(), users, DeliveryState.ACKED, now);
                    if (t.broadcast()) {
                        moved[0] += deliveries.insertMissing(t.id(), users, DeliveryState.ACKED, now);
                    }
                });
            });
            metrics.entered(DeliveryState.ACKED, moved[0]);
            task.filter(t -> t.state() != TaskState.DONE).ifPresent(t -> tasks.markDoneIfSettled(t.id(), now));
        });
        return true;
    }

    /** Replays the user's stored messages, oldest first, through the node the user connected to. */
    private boolean connected(FleetEvent.Connected event) {
        replay(event.userId(), event.node());
        return true;
    }

    /**
     * Sends the user's stored messages (at most the replay limit, oldest first) through {@code node}'s stream;
     * those past their expiry are marked expired instead. Also used when messages were stored after the user
     * had already connected there.
     */
    public void replay(UserId userId, NodeId node) {
        List<OfflineMessage> stored = offline.stored(userId, replayLimit);
        if (stored.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<OfflineMessage> expired = stored.stream().filter(m -> m.expiredAt(now)).toList();
        expiry.expire(expired, now);
        String stream = RedisKeys.nodeStream(node);
        // A push whose task row was deleted by hand has no body left to send: it waits for expiry.
        List<StreamCommand> replays = stored.stream().filter(m -> !m.expiredAt(now) && m.body() != null)
                .map(m -> new StreamCommand(stream, new PushCommand(m.msgId(), m.taskId(), m.body(), m.needsAck(),
                        m.from(), List.of(m.userId()), true, m.traceId())))
                .toList();
        if (!replays.isEmpty()) {
            publisher.publish(replays);
            metrics.replayed(replays.size());
        }
    }

    /** A chat message for users with no route: stored for re-push when they connect (or now, if they have). */
    private boolean undeliverable(FleetEvent.Undeliverable event) {
        if (store(event) > 0) {
            replayToReconnected(event.targets());
        }
        return true;
    }

    /**
     * A node reports a user absent when the user has just left it, typically for another node during a drain;
     * if the user's {@code connected} was handled before the message was stored, its replay missed it, and
     * without this the message would wait for the user's next connect. The route lookup comes after the store
     * committed, and an edge writes the route before it emits {@code connected}: so either that replay sees the
     * message or this lookup sees the route. The node that reported is not skipped: the user may be back there.
     * A user replayed to twice drops the duplicate by message id; a user with no route waits for the connect.
     */
    private void replayToReconnected(List<UserId> users) {
        reconnected.replay(users, route -> false);
    }

    private int store(FleetEvent.Undeliverable event) {
        Instant now = clock.instant();
        // Replays ask for an ack: with it the client confirms what the store held for it.
        int stored = offline.storeChat(event.msgId(), event.from(), event.targets(), event.body(), event.traceId(),
                true, now.plus(chatTtl), now);
        metrics.entered(DeliveryState.STORED, stored);
        return stored;
    }
}
