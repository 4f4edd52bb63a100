package io.pushfleet.control.audit;

import io.pushfleet.control.push.ConnectedReplay;
import io.pushfleet.control.push.RouteLookup;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.PushCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Empties the part of a node's command stream no run will read (DESIGN 3.4 with 3.6): each push entry is
 * handed to the offline path, which stores it for the targets it had not reached (their delivery rows leave
 * {@code routed}, so the task can finish), then the entries are deleted. Users with something stored who are
 * already connected elsewhere (clients reconnect faster than a dead node is declared dead) get their stored
 * messages replayed there at once. Kicks are dropped: the connections they name died with the run.
 */
final class StreamSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSweeper.class);

    private final CommandStreams streams;
    private final UnreadCommands unread;
    private final ConnectedReplay reconnected;
    private final AuditMetrics metrics;
    private final int pageSize;

    StreamSweeper(CommandStreams streams, UnreadCommands unread, RouteLookup routes, AuditMetrics metrics, int pageSize) {
        this.streams = requireNonNull(streams, "streams");
        this.unread = requireNonNull(unread, "unread");
        this.reconnected = new ConnectedReplay(routes, unread::replay);
        this.metrics = requireNonNull(metrics, "metrics");
        this.pageSize = pageSize;
    }

    /**
     * Handles and deletes up to {@code budget} entries of {@code node}'s stream that {@code fence} says no run
     * reads, calling {@code renew} between pages; returns how many.
     */
    int sweep(NodeId node, EpochFence fence, int budget, Runnable renew) {
        int swept = 0;
        String after = "-";
        while (swept < budget) {
            List<CommandStreams.Entry> page = streams.page(node, after, fence.unreadBefore(), Math.min(pageSize, budget - swept));
            if (page.isEmpty()) {
                break;
            }
            Set<UserId> stored = new LinkedHashSet<>();
            List<String> ids = new ArrayList<>(page.size());
            for (CommandStreams.Entry entry : page) {
                ids.add(entry.id());
                storeFor(node, entry).ifPresent(stored::addAll);
            }
            streams.delete(node, ids);
            replayToReconnected(node, fence, stored);
            swept += page.size();
            after = ids.getLast();
            renew.run();
        }
        metrics.repaired(Repair.STREAM_ENTRY, swept);
        if (swept > 0) {
            LOG.info("nodeId={} {} unread command entries handled and deleted", node, swept);
        }
        return swept;
    }

    /** The targets of a push entry when some of them were stored now. */
    private Optional<List<UserId>> storeFor(NodeId node, CommandStreams.Entry entry) {
        if (!PushCommand.TYPE.equals(entry.fields().get(NodeCommands.TYPE))) {
            return Optional.empty();
        }
        PushCommand command;
        try {
            command = PushCommand.fromFields(entry.fields());
        } catch (IllegalArgumentException e) {
            LOG.warn("nodeId={} unreadable command entry={} dropped: {}", node, entry.id(), e.getMessage());
            return Optional.empty();
        }
        int stored = unread.store(node, command);
        metrics.repaired(Repair.STORED_TARGET, stored);
        return stored > 0 ? Optional.of(command.targets()) : Optional.empty();
    }

    private void replayToReconnected(NodeId node, EpochFence fence, Set<UserId> users) {
        int replays = reconnected.replay(users, route -> route.nodeId().equals(node) && fence.dead(route.bootEpoch()));
        metrics.repaired(Repair.REPLAY, replays);
    }
}
