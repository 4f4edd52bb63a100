package io.pushfleet.control.admin;

import io.pushfleet.control.registry.InMemoryRegistryRepository;
import io.pushfleet.model.id.NodeId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link NodeDrainRepository} in memory; marks also go to the registry fake, as they share a Redis hash. */
final class InMemoryNodeDrainRepository implements NodeDrainRepository {

    final Map<NodeId, Instant> marks = new HashMap<>();
    /** Commands appended, as {@code nodeId:drain} or {@code nodeId:undrain}, in order. */
    final List<String> commands = new ArrayList<>();
    private final InMemoryRegistryRepository registry;

    InMemoryNodeDrainRepository(InMemoryRegistryRepository registry) {
        this.registry = registry;
    }

    @Override
    public Instant mark(NodeId nodeId, Instant at) {
        Instant since = marks.computeIfAbsent(nodeId, id -> at);
        registry.drained(nodeId, since);
        return since;
    }

    @Override
    public boolean clearMark(NodeId nodeId) {
        registry.undrained(nodeId);
        return marks.remove(nodeId) != null;
    }

    @Override
    public void command(NodeId nodeId, boolean drain) {
        commands.add(nodeId.value() + ":" + (drain ? "drain" : "undrain"));
    }
}
