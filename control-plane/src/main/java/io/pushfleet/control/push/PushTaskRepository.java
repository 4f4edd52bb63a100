package io.pushfleet.control.push;

import io.pushfleet.model.id.MessageId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code push_tasks} table. Claiming is a conditional state change ({@code accepted}, or
 * {@code routing} with an expired lease, to {@code routing} for this owner), so of several control planes
 * exactly one routes a task; every later change is fenced by the owner and fails once the lease is lost.
 * Blocking.
 */
public interface PushTaskRepository {

    /** Stores a task in state {@code accepted} and returns its id; the id list, if any, goes in the same row. */
    long insert(PushSpec spec, MessageId msgId, String traceId, Instant createdAt);

    Optional<PushTask> find(long taskId);

    Optional<PushTask> findByMsgId(MessageId msgId);

    /** Takes the task for {@code owner} until {@code leaseUntil}, if it is accepted or its lease expired at {@code now}. */
    Optional<PushTask> claim(long taskId, String owner, Instant now, Instant leaseUntil);

    /** Ids of tasks nobody routes: accepted, or routing with a lease expired at {@code now}; oldest first. */
    List<Long> unclaimed(Instant now, int limit);

    /** The task's id list; empty while a group task's members are not resolved yet, and for a broadcast. */
    Optional<TargetList> targets(long taskId);

    /**
     * Snapshots a group's members as the task's id list, once: a resumed task keeps the first snapshot.
     * Returns false if the task already had one (or another owner holds it).
     */
    boolean saveTargets(long taskId, String owner, TargetList targets);

    /**
     * Records that the first {@code cursor} targets are on their streams and extends the lease.
     *
     * @throws LeaseLostException if another owner took the task
     */
    void advance(long taskId, String owner, int cursor, Instant leaseUntil);

    /** Moves the task to {@code routed}. @throws LeaseLostException if another owner took the task */
    void finishRouting(long taskId, String owner, Instant now);

    /** Hands a claimed task back ({@code accepted}, cursor kept), e.g. at shutdown. */
    void release(long taskId, String owner);

    /** Moves a routed task to {@code done} if none of its targets is still {@code routed}; true if it moved. */
    boolean markDoneIfSettled(long taskId, Instant now);

    DeliveryCounts counts(long taskId);
}
