package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.NodeConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link NodeSets} in memory over an {@link InMemoryRouteTable}; pages are cut from a snapshot like SSCAN's. */
final class InMemoryNodeSets implements NodeSets {

    private final InMemoryRouteTable routes;
    private final Map<NodeId, Set<String>> sets = new HashMap<>();
    private final Set<NodeId> known = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
    private final List<NodeId> forgotten = new ArrayList<>();

    InMemoryNodeSets(InMemoryRouteTable routes) {
        this.routes = routes;
    }

    void add(NodeId node, NodeConnection connection) {
        add(node, connection.format());
    }

    void add(NodeId node, String member) {
        known.add(node);
        sets.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(member);
    }

    Set<String> members(NodeId node) {
        return Set.copyOf(sets.getOrDefault(node, Set.of()));
    }

    List<NodeId> forgotten() {
        return List.copyOf(forgotten);
    }

    @Override
    public Set<NodeId> knownNodes() {
        return Set.copyOf(known);
    }

    @Override
    public Iterator<List<String>> memberPages(NodeId node, int count) {
        List<String> snapshot = List.copyOf(sets.getOrDefault(node, Set.of()));
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i += count) {
            pages.add(snapshot.subList(i, Math.min(snapshot.size(), i + count)));
        }
        return pages.iterator();
    }

    @Override
    public List<String> routes(List<NodeConnection> connections) {
        return connections.stream().map(c -> routes.get(c.userId(), c.deviceId())).toList();
    }

    @Override
    public int removeFenced(NodeId node, List<NodeConnection> connections) {
        int deleted = 0;
        for (NodeConnection c : connections) {
            deleted += routes.deleteIf(c.userId(), c.deviceId(), c.routeOn(node).format());
            sets.getOrDefault(node, new LinkedHashSet<>()).remove(c.format());
        }
        return deleted;
    }

    @Override
    public void removeMembers(NodeId node, Collection<String> members) {
        sets.getOrDefault(node, new LinkedHashSet<>()).removeAll(members);
    }

    @Override
    public void forget(NodeId node, Optional<Instant> lastReport) {
        known.remove(node);
        sets.remove(node);
        forgotten.add(node);
    }
}
