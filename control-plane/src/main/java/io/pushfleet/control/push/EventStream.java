package io.pushfleet.control.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control planes' side of the events stream ({@code RedisKeys.EVENTS_STREAM}) in their consumer group
 * ({@code RedisKeys.EVENTS_GROUP}): read new entries, acknowledge handled ones, take over entries a crashed
 * consumer left pending. Blocking.
 */
public interface EventStream {

    /** Creates the group (and the stream) reading from the first entry, unless it exists. */
    void ensureGroup();

    /** Up to {@code count} entries never delivered to the group, waiting up to {@code block} for the first. */
    List<Entry> read(String consumer, int count, Duration block);

    void ack(List<String> ids);

    /** Takes over up to {@code count} entries pending longer than {@code minIdle}, scanning from {@code cursor}. */
    Claimed claim(String consumer, Duration minIdle, String cursor, int count);

    /** Entries not yet read by the group and entries read but not acknowledged. */
    Backlog backlog();

    /** Removes the consumer from the group if it has nothing pending (at shutdown). */
    void removeIfIdle(String consumer);

    /** One stream entry. */
    record Entry(String id, Map<String, String> fields) {
    }

    /** Entries taken over, and where the next scan starts ({@link #DONE} when the scan is complete). */
    record Claimed(List<Entry> entries, String next) {
        public static final String DONE = "0-0";
    }

    /** {@code lag} is -1 when Redis cannot tell (it is unknown after some deletions or before Redis 7). */
    record Backlog(long lag, long pending) {
    }
}
