package io.pushfleet.edge.delivery;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the events that report deliveries, split so that no entry lists more than
 * {@link PushCommand#MAX_TARGETS_PER_ENTRY} users: a million-user broadcast becomes a thousand modest entries
 * rather than one that stalls Redis and the control plane's reader.
 */
public final class DeliveryReports {

    public static final int MAX_USERS_PER_EVENT = PushCommand.MAX_TARGETS_PER_ENTRY;

    private DeliveryReports() {
    }

    /**
     * One or more {@code delivered} events; always at least one, so an entry with no targets is answered too.
     * Each carries the entry's {@code traceId}.
     */
    public static List<FleetEvent.Delivered> delivered(NodeId node, MessageId msgId, long taskId, String traceId,
                                                      List<UserId> written, List<UserId> absent) {
        int chunks = Math.max(1, Math.max(chunks(written.size()), chunks(absent.size())));
        List<FleetEvent.Delivered> events = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            events.add(new FleetEvent.Delivered(node, msgId, taskId, chunk(written, i), chunk(absent, i), traceId));
        }
        return events;
    }

    /** {@code delivered} events for a broadcast: the written users from a sorted id array, nobody absent. */
    public static List<FleetEvent.Delivered> broadcastDelivered(NodeId node, MessageId msgId, long taskId, String traceId,
                                                               long[] written) {
        int chunks = Math.max(1, chunks(written.length));
        List<FleetEvent.Delivered> events = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            int from = i * MAX_USERS_PER_EVENT;
            int to = Math.min(written.length, from + MAX_USERS_PER_EVENT);
            List<UserId> users = new ArrayList<>(to - from);
            for (int j = from; j < to; j++) {
                users.add(new UserId(written[j]));
            }
            events.add(new FleetEvent.Delivered(node, msgId, taskId, users, List.of(), traceId));
        }
        return events;
    }

    /** {@code undeliverable} events for chat {@code targets} no node could take; none when there are none. */
    public static List<FleetEvent.Undeliverable> undeliverable(NodeId node, MessageId msgId, UserId from,
                                                              List<UserId> targets, RawJson body, String traceId) {
        List<FleetEvent.Undeliverable> events = new ArrayList<>(chunks(targets.size()));
        for (int i = 0; i < chunks(targets.size()); i++) {
            events.add(new FleetEvent.Undeliverable(node, msgId, from, chunk(targets, i), body, traceId));
        }
        return events;
    }

    private static int chunks(int size) {
        return (size + MAX_USERS_PER_EVENT - 1) / MAX_USERS_PER_EVENT;
    }

    private static List<UserId> chunk(List<UserId> users, int index) {
        int from = index * MAX_USERS_PER_EVENT;
        if (from >= users.size()) {
            return List.of();
        }
        return users.subList(from, Math.min(users.size(), from + MAX_USERS_PER_EVENT));
    }
}
