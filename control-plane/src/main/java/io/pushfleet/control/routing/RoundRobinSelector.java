package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round-robin over the candidates in node-id order: each call starts one node further on, and the
 * fallbacks are the nodes that follow the primary, wrapping around. The position is per process, so
 * several control planes each round-robin on their own; together they still spread evenly.
 */
public final class RoundRobinSelector implements NodeSelector {

    private final AtomicLong next = new AtomicLong();

    @Override
    public List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count) {
        int picks = SelectionArguments.picks(candidates, count);
        if (picks == 0) {
            return List.of();
        }
        int size = candidates.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        List<NodeInfo> picked = new ArrayList<>(picks);
        for (int i = 0; i < picks; i++) {
            picked.add(candidates.get((start + i) % size));
        }
        return picked;
    }

    @Override
    public SelectionStrategy strategy() {
        return SelectionStrategy.ROUND_ROBIN;
    }
}
