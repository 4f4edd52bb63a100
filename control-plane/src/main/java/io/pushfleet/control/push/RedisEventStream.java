package io.pushfleet.control.push;

import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XPendingSummary;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link EventStream} on a Redis stream with a consumer group. */
@ApplicationScoped
public class RedisEventStream implements EventStream {

    private static final String STREAM = RedisKeys.EVENTS_STREAM;
    private static final String GROUP = RedisKeys.EVENTS_GROUP;

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;

    public RedisEventStream(RedisDataSource redis) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
    }

    @Override
    public void ensureGroup() {
        if (groupInfo() != null) {
            return;
        }
        try {
            streams.xgroupCreate(STREAM, GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            // Another control plane may have created it between the check and here (BUSYGROUP).
            if (groupInfo() == null) {
                throw e;
            }
        }
    }

    @Override
    public List<Entry> read(String consumer, int count, Duration block) {
        List<StreamMessage<String, String, String>> messages =
                streams.xreadgroup(GROUP, consumer, STREAM, ">", new XReadGroupArgs().count(count).block(block));
        return entries(messages);
    }

    @Override
    public void ack(List<String> ids) {
        if (!ids.isEmpty()) {
            streams.xack(STREAM, GROUP, ids.toArray(String[]::new));
        }
    }

    @Override
    public Claimed claim(String consumer, Duration minIdle, String cursor, int count) {
        ClaimedMessages<String, String, String> claimed = streams.xautoclaim(STREAM, GROUP, consumer, minIdle, cursor, count);
        return new Claimed(entries(claimed.getMessages()), claimed.getId());
    }

    @Override
    public Backlog backlog() {
        Response group = groupInfo();
        if (group == null) {
            return new Backlog(-1, 0);
        }
        Response lag = field(group, "lag");
        Response pending = field(group, "pending");
        return new Backlog(lag == null ? -1 : lag.toLong(), pending == null ? 0 : pending.toLong());
    }

    @Override
    public void removeIfIdle(String consumer) {
        XPendingSummary summary = streams.xpending(STREAM, GROUP);
        Long pending = summary.getConsumers() == null ? null : summary.getConsumers().get(consumer);
        if (pending == null || pending == 0) {
            redis.execute("XGROUP", "DELCONSUMER", STREAM, GROUP, consumer);
        }
    }

    private static List<Entry> entries(List<StreamMessage<String, String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            if (m.payload() != null) {
                entries.add(new Entry(m.id(), m.payload()));
            }
        }
        return entries;
    }

    /** Our group's entry of {@code XINFO GROUPS}, or null if the stream or the group does not exist. */
    private Response groupInfo() {
        if (redis.key().exists(STREAM)) {
            Response groups = redis.execute("XINFO", "GROUPS", STREAM);
            for (Response group : groups) {
                Response name = field(group, "name");
                if (name != null && GROUP.equals(name.toString())) {
                    return group;
                }
            }
        }
        return null;
    }

    /** A field of an {@code XINFO} reply: a map in RESP3, a flat name/value array in RESP2. */
    private static Response field(Response reply, String name) {
        if (reply.isMap()) {
            return reply.get(name);
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            if (name.equals(reply.get(i).toString())) {
                return reply.get(i + 1);
            }
        }
        return null;
    }
}
