package io.pushfleet.control.support;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;

import java.time.Instant;

/** Registry reports as an edge would write them, for unit and integration tests. */
public final class TestNodes {

    private TestNodes() {
    }

    public static NodeInfo node(String id, NodeState state, long connections, Instant reportedAt) {
        return run(id, 1_700_000_000_000L, state, connections, reportedAt);
    }

    /** The report of the run of {@code id} that started at {@code bootEpoch}. */
    public static NodeInfo run(String id, long bootEpoch, NodeState state, long connections, Instant reportedAt) {
        int port = 9000 + Math.floorMod(id.hashCode(), 1000);
        return new NodeInfo(new NodeId(id), bootEpoch, state, "ws://127.0.0.1:" + port + "/ws", "127.0.0.1",
                port + 1000, "http://127.0.0.1:" + (port + 2000), connections, 10_000, 64L << 20, 256L << 20,
                8L << 20, 0.25, 120, reportedAt);
    }

    public static NodeInfo up(String id, Instant reportedAt) {
        return node(id, NodeState.UP, 0, reportedAt);
    }
}
