package io.pushfleet.control.registry;

import io.pushfleet.model.id.NodeId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link RegistryRepository} in memory: what an edge would have written, set directly by the test. */
public final class InMemoryRegistryRepository implements RegistryRepository {

    private final Map<NodeId, Instant> reports = new LinkedHashMap<>();
    private final Map<NodeId, String> infos = new HashMap<>();
    private final Map<NodeId, Long> connectionSets = new HashMap<>();
    private final Map<NodeId, Instant> drainMarks = new HashMap<>();
    private int infoReads;

    /** Records a report as an edge does: score and info JSON. */
    public InMemoryRegistryRepository report(NodeId nodeId, Instant at, String infoJson) {
        reports.put(nodeId, at);
        if (infoJson == null) {
            infos.remove(nodeId);
        } else {
            infos.put(nodeId, infoJson);
        }
        return this;
    }

    public InMemoryRegistryRepository connections(NodeId nodeId, long count) {
        connectionSets.put(nodeId, count);
        return this;
    }

    /** Marks a node drained, as the control plane's drain does. */
    public InMemoryRegistryRepository drained(NodeId nodeId, Instant since) {
        drainMarks.put(nodeId, since);
        return this;
    }

    public InMemoryRegistryRepository undrained(NodeId nodeId) {
        drainMarks.remove(nodeId);
        return this;
    }

    /** How many node infos have been read, to check that stale nodes are not fetched. */
    public int infoReads() {
        return infoReads;
    }

    @Override
    public List<NodeReport> reports() {
        List<NodeReport> list = new ArrayList<>();
        reports.forEach((id, at) -> list.add(new NodeReport(id, at)));
        return list;
    }

    @Override
    public Map<NodeId, String> infos(Collection<NodeId> nodes) {
        Map<NodeId, String> found = new HashMap<>();
        for (NodeId id : nodes) {
            infoReads++;
            if (infos.containsKey(id)) {
                found.put(id, infos.get(id));
            }
        }
        return found;
    }

    @Override
    public Map<NodeId, Long> connectionSetSizes(Collection<NodeId> nodes) {
        Map<NodeId, Long> sizes = new HashMap<>();
        nodes.forEach(id -> sizes.put(id, connectionSets.getOrDefault(id, 0L)));
        return sizes;
    }

    @Override
    public Map<NodeId, Instant> drainMarks() {
        return Map.copyOf(drainMarks);
    }
}
