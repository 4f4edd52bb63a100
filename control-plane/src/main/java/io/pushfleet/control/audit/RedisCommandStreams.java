package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link CommandStreams} on Redis: {@code XRANGE} with an exclusive start, {@code XDEL}, and a Lua script that
 * deletes a stream only while it is empty, so an entry added at the last moment is never lost with it.
 */
@ApplicationScoped
public class RedisCommandStreams implements CommandStreams {

    /** KEYS[1] = stream. 1 when no stream is left (also when there was none). */
    static final String DELETE_IF_EMPTY = """
            if redis.call('XLEN', KEYS[1]) == 0 then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0
            """;

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;

    public RedisCommandStreams(RedisDataSource redis) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    @Override
    public List<Entry> page(NodeId node, String afterId, long beforeMillis, int count) {
        if (beforeMillis <= 0) {
            return List.of();
        }
        String start = "-".equals(afterId) ? "-" : "(" + afterId;
        // An id of milliseconds alone, as the end, includes every sequence number of that millisecond.
        StreamRange range = StreamRange.of(start, Long.toString(beforeMillis - 1));
        List<StreamMessage<String, String, String>> messages = streams.xrange(RedisKeys.nodeStream(node), range, count);
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            entries.add(new Entry(m.id(), m.payload() == null ? Map.of() : m.payload()));
        }
        return entries;
    }

    @Override
    public void delete(NodeId node, List<String> ids) {
        if (!ids.isEmpty()) {
            streams.xdel(RedisKeys.nodeStream(node), ids.toArray(String[]::new));
        }
    }

    @Override
    public boolean deleteIfEmpty(NodeId node) {
        Response gone = redis.execute("EVAL", DELETE_IF_EMPTY, "1", RedisKeys.nodeStream(node));
        return gone != null && gone.toLong() == 1;
    }
}
