package io.pushfleet.edge.chat;

import io.pushfleet.edge.delivery.DeliveryReports;
import io.pushfleet.edge.delivery.EventStream;
import io.pushfleet.edge.delivery.LocalDelivery;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.EdgeMetrics.PushSource;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RouteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static java.util.Objects.requireNonNull;

/**
 * Takes an accepted chat message to its targets (DESIGN 3.7), by their routes: devices on this node's current
 * run are written here; for every other live node ONE push entry per at most 1000 targets is appended to its
 * command stream; targets with no usable route (none at all, only an earlier run's of this node, or only on
 * nodes whose registry entry has expired) are reported {@code undeliverable}, as are local targets whose
 * devices could not be written here, so the control plane stores them for re-push. Groups are resolved in
 * chunks of 1000 members, one after the other, so a large group never holds all its routes in memory.
 *
 * <p>Thread-safe. Runs on whatever thread completes the previous step (Kafka's or Redis's I/O thread); every
 * step is asynchronous.
 */
public final class ChatRouter {

    static final int CHUNK = PushCommand.MAX_TARGETS_PER_ENTRY;
    private static final Logger log = LoggerFactory.getLogger(ChatRouter.class);

    private final NodeId node;
    private final long bootEpoch;
    private final ChatDirectory directory;
    private final LocalDelivery delivery;
    private final EventStream events;
    private final EdgeMetrics metrics;
    private final LogThrottle relayFailures = new LogThrottle(Duration.ofSeconds(10));

    public ChatRouter(NodeId node, long bootEpoch, ChatDirectory directory, LocalDelivery delivery, EventStream events,
                      EdgeMetrics metrics) {
        this.node = requireNonNull(node, "node");
        this.bootEpoch = bootEpoch;
        this.directory = requireNonNull(directory, "directory");
        this.delivery = requireNonNull(delivery, "delivery");
        this.events = requireNonNull(events, "events");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** Every member of {@code group} except the sender; completes when every chunk has been sent on its way. */
    public CompletionStage<Void> toGroup(ChatMessage msg, GroupId group) {
        return directory.members(group).thenCompose(members -> {
            List<UserId> others = new ArrayList<>(members.size());
            for (UserId m : members) {
                if (!m.equals(msg.from())) {
                    others.add(m);
                }
            }
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (int from = 0; from < others.size(); from += CHUNK) {
                List<UserId> chunk = others.subList(from, Math.min(others.size(), from + CHUNK));
                chain = chain.thenCompose(ignored -> toUsers(msg, chunk));
            }
            return chain;
        });
    }

    /** At most {@link #CHUNK} users; completes when the writes, relays and reports have been issued. */
    public CompletionStage<Void> toUsers(ChatMessage msg, List<UserId> users) {
        return directory.routes(users)
                .thenCompose(routes -> {
                    Placement p = place(users, routes);
                    if (p.remote.isEmpty()) {
                        return CompletableFuture.completedFuture(p);
                    }
                    return directory.liveNodes(p.remote.keySet()).thenApply(live -> p.keepLive(live));
                })
                .thenAccept(p -> dispatch(msg, p));
    }

    /** Sorts users by where their devices are, from their routes. */
    private Placement place(List<UserId> users, Map<UserId, List<RouteValue>> routes) {
        Placement p = new Placement(users);
        for (UserId u : users) {
            for (RouteValue r : routes.getOrDefault(u, List.of())) {
                if (!r.nodeId().equals(node)) {
                    p.remote.computeIfAbsent(r.nodeId(), n -> new LinkedHashSet<>()).add(u);
                } else if (r.bootEpoch() == bootEpoch) {
                    p.local.add(u);
                }
                // An earlier run of this node id: that connection is gone, nobody is there to write to.
            }
        }
        return p;
    }

    private void dispatch(ChatMessage msg, Placement p) {
        Set<UserId> relayed = new LinkedHashSet<>();
        for (Map.Entry<NodeId, Set<UserId>> e : p.remote.entrySet()) {
            List<UserId> targets = List.copyOf(e.getValue());
            relayed.addAll(targets);
            for (int from = 0; from < targets.size(); from += CHUNK) {
                relay(msg, e.getKey(), targets.subList(from, Math.min(targets.size(), from + CHUNK)), p.local);
            }
        }
        List<UserId> offline = new ArrayList<>();
        for (UserId u : p.users) {
            if (!p.local.contains(u) && !relayed.contains(u)) {
                offline.add(u);
            }
        }
        undeliverable(msg, offline);
        if (!p.local.isEmpty()) {
            writeHere(msg, List.copyOf(p.local), relayed);
        }
    }

    private void writeHere(ChatMessage msg, List<UserId> local, Set<UserId> relayed) {
        metrics.pushEntry(PushSource.CHAT);
        try {
            delivery.deliver(msg.frame(), local, outcome -> {
                // Users also relayed elsewhere may be reached there; only the rest need the offline store.
                List<UserId> unreached = new ArrayList<>();
                for (UserId u : outcome.absent()) {
                    if (!relayed.contains(u)) {
                        unreached.add(u);
                    }
                }
                undeliverable(msg, unreached);
            });
        } catch (ProtocolException e) {
            // ChatService checks the body fits a push frame; this is a bug if it happens.
            log.warn("chat push not encodable msgId={} traceId={}: {}", msg.msgId(), msg.traceId(), e.getMessage());
            undeliverable(msg, local);
        }
    }

    private void relay(ChatMessage msg, NodeId target, List<UserId> users, Set<UserId> local) {
        directory.relay(target, msg.relay(users)).whenComplete((ok, error) -> {
            if (error == null) {
                metrics.chatRelayed();
                return;
            }
            long held = relayFailures.admit();
            if (held >= 0) {
                log.warn("chat relay failed msgId={} nodeId={} traceId={} (and {} more since the last report): {}",
                        msg.msgId(), target, msg.traceId(), held, error.toString());
            }
            List<UserId> lost = new ArrayList<>();
            for (UserId u : users) {
                if (!local.contains(u)) {
                    lost.add(u);
                }
            }
            undeliverable(msg, lost);
        });
    }

    private void undeliverable(ChatMessage msg, List<UserId> users) {
        if (users.isEmpty()) {
            return;
        }
        for (FleetEvent e : DeliveryReports.undeliverable(node, msg.msgId(), msg.from(), users, msg.body(), msg.traceId())) {
            events.publish(e);
        }
    }

    /** Where one chunk's users are: here, on which other nodes, in the order they were given. */
    private static final class Placement {
        final List<UserId> users;
        final Set<UserId> local = new LinkedHashSet<>();
        final Map<NodeId, Set<UserId>> remote = new LinkedHashMap<>();

        Placement(List<UserId> users) {
            this.users = users;
        }

        Placement keepLive(Set<NodeId> live) {
            remote.keySet().retainAll(live);
            return this;
        }
    }
}
