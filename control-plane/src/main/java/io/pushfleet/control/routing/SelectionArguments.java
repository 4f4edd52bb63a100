package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.List;

/** The argument checks every {@link NodeSelector#select} makes, in one place so the messages agree. */
final class SelectionArguments {

    private SelectionArguments() {
    }

    /** How many nodes to pick: {@code min(count, candidates.size())}, 0 for no candidates; refuses {@code count < 1}. */
    static int picks(List<NodeInfo> candidates, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        return Math.min(count, candidates.size());
    }
}
