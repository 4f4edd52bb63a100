package io.pushfleet.control.push;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Routes one claimed task from its cursor to the end (DESIGN 3.5). A broadcast is one entry on the
 * broadcast stream. Otherwise, chunk by chunk of the ascending id list: one pipelined route lookup, then
 * one transaction that extends the lease, records the cursor (everything before this chunk is on its
 * streams), creates {@code routed} rows for users with a route and stores the message for users without
 * one, then one pipelined {@code XADD} per node. Rows are committed before the entries are added, so an
 * edge's report always finds its rows; a crash between the two sends the chunk again when another router
 * resumes from the cursor (at-least-once: clients drop duplicates by message id). Users stored in a chunk
 * are looked up once more after the commit, and those who connected meanwhile get a replay at once: their
 * {@code connected} may have been handled before their message was in the store.
 */
public final class TaskRouter {

    private final PushTaskRepository tasks;
    private final DeliveryRepository deliveries;
    private final Transactions transactions;
    private final RouteLookup routes;
    private final CommandPublisher publisher;
    private final ConnectedReplay reconnected;
    private final GroupDirectory groups;
    private final PushMetrics metrics;
    private final Clock clock;
    private final int chunkSize;
    private final Duration lease;

    /** {@code groups} may be null when no directory is deployed; a group task then fails to route. */
    public TaskRouter(PushTaskRepository tasks, DeliveryRepository deliveries, Transactions transactions,
                      RouteLookup routes, CommandPublisher publisher, ConnectedReplay reconnected,
                      GroupDirectory groups, PushMetrics metrics, Clock clock, int chunkSize, Duration lease) {
        this.tasks = requireNonNull(tasks, "tasks");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.transactions = requireNonNull(transactions, "transactions");
        this.routes = requireNonNull(routes, "routes");
        this.publisher = requireNonNull(publisher, "publisher");
        this.reconnected = requireNonNull(reconnected, "reconnected");
        this.groups = groups;
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        if (chunkSize < 1 || chunkSize > PushCommand.MAX_TARGETS_PER_ENTRY) {
            throw new IllegalArgumentException("chunkSize: " + chunkSize + " (expected: 1.."
                    + PushCommand.MAX_TARGETS_PER_ENTRY + ")");
        }
        this.chunkSize = chunkSize;
        this.lease = requireNonNull(lease, "lease");
    }

    /**
     * Routes {@code task}, which {@code owner} has claimed. Returns false if it stopped early because
     * {@code stopping} turned true (the task is handed back, cursor kept), true once the task is routed.
     *
     * @throws LeaseLostException if another control plane took the task meanwhile
     */
    public boolean route(PushTask task, String owner, BooleanSupplier stopping) {
        if (task.broadcast()) {
            publisher.publish(List.of(new StreamCommand(RedisKeys.BROADCAST_STREAM, command(task, List.of()))));
        } else {
            TargetList targets = targets(task, owner);
            for (int start = task.cursor(); start < targets.size(); start += chunkSize) {
                if (stopping.getAsBoolean()) {
                    tasks.advance(task.id(), owner, start, clock.instant().plus(lease));
                    tasks.release(task.id(), owner);
                    return false;
                }
                routeChunk(task, owner, start, targets.slice(start, Math.min(start + chunkSize, targets.size())));
            }
        }
        Instant now = clock.instant();
        tasks.finishRouting(task.id(), owner, now);
        tasks.markDoneIfSettled(task.id(), now);
        return true;
    }

    private TargetList targets(PushTask task, String owner) {
        return tasks.targets(task.id()).orElseGet(() -> {
            if (task.kind() != TargetKind.GROUP || groups == null) {
                throw new IllegalStateException("taskId=" + task.id() + ": no target list and no group directory");
            }
            TargetList members = TargetList.of(groups.members(task.group()));
            // Another router may have snapshotted the group first: route the snapshot that was stored.
            return tasks.saveTargets(task.id(), owner, members) ? members : tasks.targets(task.id()).orElseThrow();
        });
    }

    private void routeChunk(PushTask task, String owner, int start, List<UserId> chunk) {
        RoutingPlan plan = RoutingPlan.of(chunk, routes.routes(chunk));
        Instant now = clock.instant();
        int[] created = new int[3];
        transactions.run(() -> {
            tasks.advance(task.id(), owner, start, now.plus(lease));
            created[0] = deliveries.insertMissing(task.id(), plan.routed(), DeliveryState.ROUTED, now);
            created[1] = deliveries.insertMissing(task.id(), plan.offline(), DeliveryState.OFFLINE, now);
            // Only on a resumed chunk: routed by the crashed attempt, without a route now.
            created[1] += deliveries.move(task.id(), plan.offline(), DeliveryState.OFFLINE, now);
            created[2] = deliveries.store(task, plan.offline(), now.plus(task.ttl()), now);
        });
        metrics.entered(DeliveryState.ROUTED, created[0]);
        metrics.entered(DeliveryState.OFFLINE, created[1]);
        metrics.entered(DeliveryState.STORED, created[2]);
        List<StreamCommand> commands = new ArrayList<>(plan.byNode().size());
        for (Map.Entry<NodeId, List<UserId>> node : plan.byNode().entrySet()) {
            commands.add(new StreamCommand(RedisKeys.nodeStream(node.getKey()), command(task, node.getValue())));
        }
        if (!commands.isEmpty()) {
            publisher.publish(commands);
        }
        if (created[2] > 0) {
            reconnected.replay(plan.offline(), route -> false);
        }
    }

    private static PushCommand command(PushTask task, List<UserId> targets) {
        return new PushCommand(task.msgId(), task.id(), task.body(), task.needsAck(), null, targets, true,
                task.traceId());
    }
}
