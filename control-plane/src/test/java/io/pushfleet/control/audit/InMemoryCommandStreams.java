package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link CommandStreams} in memory; ids are {@code millis-sequence} and ordered like Redis orders them. */
final class InMemoryCommandStreams implements CommandStreams {

    private static final Comparator<String> BY_ID = Comparator.<String>comparingLong(id -> part(id, 0))
            .thenComparingLong(id -> part(id, 1));

    private final Map<NodeId, TreeMap<String, Map<String, String>>> streams = new HashMap<>();
    private long sequence;

    /** XADD with an id at {@code millis}; returns the id. */
    String add(NodeId node, long millis, Map<String, String> fields) {
        String id = millis + "-" + sequence++;
        streams.computeIfAbsent(node, n -> new TreeMap<>(BY_ID)).put(id, fields);
        return id;
    }

    List<String> ids(NodeId node) {
        return List.copyOf(streams.getOrDefault(node, new TreeMap<>(BY_ID)).keySet());
    }

    boolean exists(NodeId node) {
        return streams.containsKey(node);
    }

    @Override
    public List<Entry> page(NodeId node, String afterId, long beforeMillis, int count) {
        List<Entry> page = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : streams.getOrDefault(node, new TreeMap<>(BY_ID)).entrySet()) {
            boolean after = "-".equals(afterId) || BY_ID.compare(e.getKey(), afterId) > 0;
            if (after && part(e.getKey(), 0) < beforeMillis && page.size() < count) {
                page.add(new Entry(e.getKey(), e.getValue()));
            }
        }
        return page;
    }

    @Override
    public void delete(NodeId node, List<String> ids) {
        TreeMap<String, Map<String, String>> stream = streams.get(node);
        if (stream != null) {
            ids.forEach(stream::remove);
        }
    }

    @Override
    public boolean deleteIfEmpty(NodeId node) {
        TreeMap<String, Map<String, String>> stream = streams.get(node);
        if (stream == null || stream.isEmpty()) {
            streams.remove(node);
            return true;
        }
        return false;
    }

    private static long part(String id, int index) {
        return Long.parseLong(id.split("-")[index]);
    }
}
