package io.pushfleet.control.uplink;

import io.pushfleet.model.kafka.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One life of the uplink consumer: owns one Kafka consumer, on the one thread that calls {@link #run()},
 * until {@link #stop()} or the first error. Each poll is handled as one unit:
 *
 * <ol>
 *   <li>decode every record; malformed ones are counted and skipped;</li>
 *   <li>persist the rows in one database transaction, committed when {@link UplinkStore#persist} returns;</li>
 *   <li>only then commit the offsets after the poll's last record of each partition, synchronously.</li>
 * </ol>
 *
 * <p>Any error ends this life without committing: the consumer is closed (auto-commit is off, so closing
 * commits nothing) and its successor resumes from the last committed offsets. A poll whose rows were
 * committed to the database but whose offsets were not is therefore read again and finds every row already
 * stored: at-least-once delivery plus the idempotent insert gives each message exactly one row.
 */
final class UplinkWorker {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkWorker.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** How a life ended. */
    enum Exit { STOPPED, FAILED }

    private final Consumer<byte[], byte[]> consumer;
    private final UplinkStore store;
    private final UplinkMetrics metrics;
    private final Duration pollTimeout;
    private final Duration commitTimeout;
    private final Runnable beforeCommit;
    private volatile boolean stopped;
    private volatile boolean committed;

    /**
     * @param beforeCommit runs after a batch is in the database and before its offsets are committed; a
     *     fault injected there is the worst moment for a crash (tests use it)
     */
    UplinkWorker(Consumer<byte[], byte[]> consumer, UplinkStore store, UplinkMetrics metrics, Duration pollTimeout,
                 Duration commitTimeout, Runnable beforeCommit) {
        this.consumer = consumer;
        this.store = store;
        this.metrics = metrics;
        this.pollTimeout = pollTimeout;
        this.commitTimeout = commitTimeout;
        this.beforeCommit = beforeCommit;
    }

    /** Consumes until {@link #stop()} or an error, then closes the consumer. Never throws. */
    Exit run() {
        try {
            consumer.subscribe(List.of(Topics.UPLINK));
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                metrics.lag(lag());
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
            return Exit.STOPPED;
        } catch (RuntimeException e) {
            LOG.warn("uplink consumer failed, resuming from the last committed offsets: {}", e.toString(), e);
            return Exit.FAILED;
        } finally {
            close();
        }
    }

    /**
     * Asks {@link #run()} to return after the batch in hand (at most one poll timeout later). Any thread;
     * the consumer itself is only touched by the running thread.
     */
    void stop() {
        stopped = true;
    }

    /** Whether any batch of this life had its offsets committed. */
    boolean committedAny() {
        return committed;
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
        List<UplinkRow> rows = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                rows.add(UplinkDecoder.decode(record));
            } catch (UplinkDecoder.MalformedRecordException e) {
                metrics.malformed(record.topic() + "-" + record.partition(), record.offset(),
                        UplinkDecoder.traceId(record), e.getMessage());
            }
        }
        if (!rows.isEmpty()) {
            int inserted = store.persist(rows);
            metrics.stored(inserted, rows.size() - inserted);
        }
        beforeCommit.run();
        // Malformed records are committed with the rest: skipped for good, they never block the partition.
        consumer.commitSync(nextOffsets(records), commitTimeout);
        committed = true;
    }

    /** Per partition, the offset after the last record of this poll, with that record's leader epoch. */
    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            ConsumerRecord<byte[], byte[]> last = inPartition.getLast();
            offsets.put(partition, new OffsetAndMetadata(last.offset() + 1, last.leaderEpoch(), ""));
        }
        return offsets;
    }

    private long lag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        return total;
    }

    private void close() {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("closing the uplink consumer failed: {}", e.toString());
        }
    }
}
