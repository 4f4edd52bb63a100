package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The nodes' command streams ({@code RedisKeys.nodeStream}) as the route auditor empties those of dead runs. Blocking. */
public interface CommandStreams {

    /**
     * Up to {@code count} entries, oldest first, with ids after {@code afterId} ({@code "-"}: from the start) and
     * added before the epoch millis {@code beforeMillis}.
     */
    List<Entry> page(NodeId node, String afterId, long beforeMillis, int count);

    /** Deletes these entries. */
    void delete(NodeId node, List<String> ids);

    /** Deletes the stream if it holds no entry; true when no stream of the node is left. */
    boolean deleteIfEmpty(NodeId node);

    /** One stream entry. */
    record Entry(String id, Map<String, String> fields) {
        public Entry {
            requireNonNull(id, "id");
            fields = Map.copyOf(fields);
        }
    }
}
