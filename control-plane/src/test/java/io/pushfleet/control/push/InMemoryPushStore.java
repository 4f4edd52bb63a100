package io.pushfleet.control.push;

import io.pushfleet.control.web.TraceIds;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The three push repositories in memory, with the same rules as the SQL: rows move only along
 * {@link DeliveryState#sourcesOf}, inserts skip existing rows, a message is stored once per user, and
 * task changes are fenced by the owner. {@link #run} runs the work directly (no rollback).
 */
final class InMemoryPushStore implements PushTaskRepository, DeliveryRepository, OfflineMessageRepository, Transactions {

    private final Map<Long, TaskRow> tasks = new TreeMap<>();
    private final Map<Long, Map<Long, DeliveryState>> deliveries = new HashMap<>();
    private final Map<String, OfflineRow> offline = new LinkedHashMap<>();
    private long nextTaskId = 1;
    private long nextOfflineId = 1;
    int transactions;
    /** Makes the next {@link #storeChat} fail, as a database outage would. */
    boolean failNextStoreChat;
    /** The MDC trace id at each {@link #storeChat} call: what log lines written there would carry. */
    final List<String> storeChatMdcTraceIds = new ArrayList<>();

    private static final class TaskRow {
        PushSpec spec;
        MessageId msgId;
        String traceId;
        Instant createdAt;
        TaskState state = TaskState.ACCEPTED;
        int cursor;
        String owner;
        Instant leaseUntil;
        TargetList targets;
        final List<Integer> advances = new ArrayList<>();

        PushTask task(long id) {
            int count = targets == null ? 0 : targets.size();
            return new PushTask(id, msgId, spec.kind(), spec.group(), count, spec.body(), spec.needsAck(), spec.ttl(),
                    traceId, state, cursor, createdAt);
        }
    }

    private static final class OfflineRow {
        OfflineMessage message;
        DeliveryState state = DeliveryState.STORED;
    }

    // --- test inspection ------------------------------------------------------------------------------

    DeliveryState state(long taskId, long userId) {
        return deliveries.getOrDefault(taskId, Map.of()).get(userId);
    }

    DeliveryState offlineState(long userId, MessageId msgId) {
        OfflineRow row = offline.get(userId + ":" + msgId.value());
        return row == null ? null : row.state;
    }

    int offlineCount() {
        return offline.size();
    }

    List<Integer> advances(long taskId) {
        return tasks.get(taskId).advances;
    }

    String owner(long taskId) {
        return tasks.get(taskId).owner;
    }

    // --- Transactions ---------------------------------------------------------------------------------

    @Override
    public void run(Runnable work) {
        transactions++;
        work.run();
    }

    // --- PushTaskRepository -------------------------------------------------------------------------

    @Override
    public long insert(PushSpec spec, MessageId msgId, String traceId, Instant createdAt) {
        TaskRow row = new TaskRow();
        row.spec = spec;
        row.msgId = msgId;
        row.traceId = traceId;
        row.createdAt = createdAt;
        row.targets = spec.users();
        long id = nextTaskId++;
        tasks.put(id, row);
        return id;
    }

    @Override
    public Optional<PushTask> find(long taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(row -> row.task(taskId));
    }

    @Override
    public Optional<PushTask> findByMsgId(MessageId msgId) {
        return tasks.entrySet().stream().filter(e -> e.getValue().msgId.equals(msgId)).findFirst()
                .map(e -> e.getValue().task(e.getKey()));
    }

    @Override
    public Optional<PushTask> claim(long taskId, String owner, Instant now, Instant leaseUntil) {
        TaskRow row = tasks.get(taskId);
        if (row == null || !(row.state == TaskState.ACCEPTED
                || (row.state == TaskState.ROUTING && row.leaseUntil.isBefore(now)))) {
            return Optional.empty();
        }
        row.state = TaskState.ROUTING;
        row.owner = owner;
        row.leaseUntil = leaseUntil;
        return find(taskId);
    }

    @Override
    public List<Long> unclaimed(Instant now, int limit) {
        return tasks.entrySet().stream()
                .filter(e -> e.getValue().state == TaskState.ACCEPTED
                        || (e.getValue().state == TaskState.ROUTING && e.getValue().leaseUntil.isBefore(now)))
                .map(Map.Entry::getKey).limit(limit).toList();
    }

    @Override
    public Optional<TargetList> targets(long taskId) {
        return Optional.ofNullable(tasks.get(taskId).targets);
    }

    @Override
    public boolean saveTargets(long taskId, String owner, TargetList targets) {
        TaskRow row = tasks.get(taskId);
        if (row.targets != null || !owner.equals(row.owner)) {
            return false;
        }
        row.targets = targets;
        return true;
    }

    @Override
    public void advance(long taskId, String owner, int cursor, Instant leaseUntil) {
        TaskRow row = fenced(taskId, owner);
        row.cursor = cursor;
        row.leaseUntil = leaseUntil;
        row.advances.add(cursor);
    }

    @Override
    public void finishRouting(long taskId, String owner, Instant now) {
        TaskRow row = fenced(taskId, owner);
        row.state = TaskState.ROUTED;
        row.cursor = row.targets == null ? 0 : row.targets.size();
        row.owner = null;
        row.leaseUntil = null;
    }

    @Override
    public void release(long taskId, String owner) {
        TaskRow row = tasks.get(taskId);
        if (owner.equals(row.owner) && row.state == TaskState.ROUTING) {
            row.state = TaskState.ACCEPTED;
            row.owner = null;
            row.leaseUntil = null;
        }
    }

    @Override
    public boolean markDoneIfSettled(long taskId, Instant now) {
        TaskRow row = tasks.get(taskId);
        boolean settled = !deliveries.getOrDefault(taskId, Map.of()).containsValue(DeliveryState.ROUTED);
        if (row.state == TaskState.ROUTED && settled) {
            row.state = TaskState.DONE;
            return true;
        }
        return false;
    }

    @Override
    public DeliveryCounts counts(long taskId) {
        DeliveryCounts counts = new DeliveryCounts();
        deliveries.getOrDefault(taskId, Map.of()).values().forEach(state -> counts.add(state, 1));
        return counts;
    }

    private TaskRow fenced(long taskId, String owner) {
        TaskRow row = tasks.get(taskId);
        if (!owner.equals(row.owner) || row.state != TaskState.ROUTING) {
            throw new LeaseLostException(taskId, owner);
        }
        return row;
    }

    // --- DeliveryRepository ---------------------------------------------------------------------------

    @Override
    public int insertMissing(long taskId, Collection<UserId> users, DeliveryState state, Instant now) {
        Map<Long, DeliveryState> rows = deliveries.computeIfAbsent(taskId, ignored -> new TreeMap<>());
        int inserted = 0;
        for (UserId user : users) {
            if (rows.putIfAbsent(user.value(), state) == null) {
                inserted++;
            }
        }
        return inserted;
    }

    @Override
    public int move(long taskId, Collection<UserId> users, DeliveryState to, Instant now) {
        Map<Long, DeliveryState> rows = deliveries.getOrDefault(taskId, Map.of());
        int moved = 0;
        for (UserId user : users) {
            DeliveryState current = rows.get(user.value());
            if (current != null && DeliveryState.sourcesOf(to).contains(current)) {
                rows.put(user.value(), to);
                moved++;
            }
        }
        return moved;
    }

    @Override
    public int store(PushTask task, Collection<UserId> users, Instant expiresAt, Instant now) {
        Map<Long, DeliveryState> rows = deliveries.getOrDefault(task.id(), Map.of());
        int stored = 0;
        for (UserId user : users) {
            if (rows.get(user.value()) == DeliveryState.OFFLINE) {
                addOffline(new OfflineMessage(0, user, task.msgId(), task.id(), null, task.needsAck(), task.body(),
                        task.traceId(), expiresAt));
                rows.put(user.value(), DeliveryState.STORED);
                stored++;
            }
        }
        return stored;
    }

    @Override
    public List<Row> page(long taskId, DeliveryState state, long afterUserId, int limit) {
        return deliveries.getOrDefault(taskId, Map.of()).entrySet().stream()
                .filter(e -> e.getKey() > afterUserId && (state == null || e.getValue() == state))
                .limit(limit).map(e -> new Row(new UserId(e.getKey()), e.getValue(), Instant.EPOCH)).toList();
    }

    @Override
    public List<UserRow> recentForUser(UserId userId, int limit) {
        throw new UnsupportedOperationException("not needed by the unit tests");
    }

    // --- OfflineMessageRepository ---------------------------------------------------------------------

    @Override
    public int storeChat(MessageId msgId, UserId from, Collection<UserId> users, RawJson body, String traceId,
                         boolean needsAck, Instant expiresAt, Instant now) {
        storeChatMdcTraceIds.add(MDC.get(TraceIds.MDC_KEY));
        if (failNextStoreChat) {
            failNextStoreChat = false;
            throw new IllegalStateException("database away (test)");
        }
        int stored = 0;
        for (UserId user : users) {
            stored += addOffline(new OfflineMessage(0, user, msgId, 0, from, needsAck, body, traceId, expiresAt)) ? 1 : 0;
        }
        return stored;
    }

    @Override
    public List<OfflineMessage> stored(UserId userId, int limit) {
        return offline.values().stream()
                .filter(r -> r.state == DeliveryState.STORED && r.message.userId().equals(userId))
                .map(r -> r.message).sorted(Comparator.comparingLong(m -> m.msgId().value())).limit(limit).toList();
    }

    @Override
    public int move(MessageId msgId, Collection<UserId> users, DeliveryState to, Instant now) {
        int moved = 0;
        for (UserId user : users) {
            OfflineRow row = offline.get(user.value() + ":" + msgId.value());
            if (row != null && row.state == DeliveryState.STORED && DeliveryState.STORED.canMoveTo(to)) {
                row.state = to;
                moved++;
            }
        }
        return moved;
    }

    @Override
    public List<OfflineMessage> due(Instant now, int limit) {
        return offline.values().stream().filter(r -> r.state == DeliveryState.STORED && r.message.expiredAt(now))
                .map(r -> r.message).limit(limit).toList();
    }

    @Override
    public int expire(Collection<Long> ids, Instant now) {
        int moved = 0;
        for (OfflineRow row : offline.values()) {
            if (ids.contains(row.message.id()) && row.state == DeliveryState.STORED) {
                row.state = DeliveryState.EXPIRED;
                moved++;
            }
        }
        return moved;
    }

    private boolean addOffline(OfflineMessage m) {
        String key = m.userId().value() + ":" + m.msgId().value();
        if (offline.containsKey(key)) {
            return false;
        }
        OfflineRow row = new OfflineRow();
        row.message = new OfflineMessage(nextOfflineId++, m.userId(), m.msgId(), m.taskId(), m.from(), m.needsAck(),
                m.body(), m.traceId(), m.expiresAt());
        offline.put(key, row);
        return true;
    }
}
