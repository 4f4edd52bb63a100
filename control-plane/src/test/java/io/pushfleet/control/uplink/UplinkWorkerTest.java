package io.pushfleet.control.uplink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.model.kafka.Topics;
import io.pushfleet.model.kafka.UplinkRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pushfleet.control.uplink.TestUplinks.send;
import static io.pushfleet.control.uplink.TestUplinks.uplink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's order of persist and commit over Kafka's own {@link MockConsumer}; UplinkConsumerIT does the
 * same against a real broker and database.
 */
class UplinkWorkerTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.UPLINK, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.UPLINK, 1);

    private final InMemoryUplinkStore store = new InMemoryUplinkStore();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UplinkMetrics metrics = new UplinkMetrics(meters, Duration.ofSeconds(10), System::nanoTime);
    private final List<ConsumerRecord<byte[], byte[]>> topic = new ArrayList<>();

    private void produce(int partition, UplinkRecord record) {
        produce(partition, record.toJsonBytes(), null);
    }

    private void produce(int partition, byte[] value, String traceId) {
        long offset = topic.stream().filter(r -> r.partition() == partition).count();
        RecordHeaders headers = new RecordHeaders();
        if (traceId != null) {
            headers.add(Topics.TRACE_HEADER, traceId.getBytes(StandardCharsets.UTF_8));
        }
        topic.add(new ConsumerRecord<>(Topics.UPLINK, partition, offset, 0L, TimestampType.CREATE_TIME, 0, 0, null,
                value, headers, Optional.empty()));
    }

    /** The consumer group's committed offsets, as the broker keeps them across consumers. */
    private final Map<TopicPartition, OffsetAndMetadata> groupOffsets = new HashMap<>();

    /**
     * A consumer that, like one joining the group, gets both partitions from the group's committed offsets
     * on (or the start) and sees everything produced so far; the worker is stopped after one poll.
     */
    private MockConsumer<byte[], byte[]> consumer(UplinkWorker[] worker) {
        Map<TopicPartition, OffsetAndMetadata> from = Map.copyOf(groupOffsets);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
                super.commitSync(offsets, timeout);
                groupOffsets.putAll(offsets);
            }
        };
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
            from.forEach((p, offset) -> consumer.seek(p, offset.offset()));
            topic.stream()
                    .filter(r -> r.offset() >= offsetOf(from.get(new TopicPartition(r.topic(), r.partition()))))
                    .forEach(consumer::addRecord);
        });
        consumer.schedulePollTask(() -> worker[0].stop());
        return consumer;
    }

    private static long offsetOf(OffsetAndMetadata committed) {
        return committed == null ? 0 : committed.offset();
    }

    private UplinkWorker.Exit run(MockConsumer<byte[], byte[]> consumer, UplinkWorker[] holder, Runnable beforeCommit) {
        holder[0] = new UplinkWorker(consumer, store, metrics, Duration.ofMillis(1), Duration.ofSeconds(1), beforeCommit);
        return holder[0].run();
    }

    @Test
    void persistsEveryRecordThenCommitsTheOffsetAfterTheLastOfEachPartition() {
        produce(0, uplink(1, 10, "phone", "c1"));
        produce(0, uplink(2, 10, "phone", "c2"));
        produce(0, send(3, 10, "phone", "c3", 11));
        produce(1, uplink(4, 20, "laptop", "c1"));
        UplinkWorker[] worker = new UplinkWorker[1];
        MockConsumer<byte[], byte[]> consumer = consumer(worker);

        UplinkWorker.Exit exit = run(consumer, worker, () -> { });

        assertThat(exit).isEqualTo(UplinkWorker.Exit.STOPPED);
        assertThat(store.rows()).extracting(row -> row.msgId().value()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(groupOffsets).containsEntry(P0, new OffsetAndMetadata(3, Optional.empty(), ""))
                .containsEntry(P1, new OffsetAndMetadata(1, Optional.empty(), ""));
        assertThat(metrics.persistedCount()).isEqualTo(4);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void commitsNothingUntilTheBatchIsInTheDatabase() {
        produce(0, uplink(1, 10, "phone", "c1"));
        UplinkWorker[] worker = new UplinkWorker[1];
        MockConsumer<byte[], byte[]> consumer = consumer(worker);
        List<String> seenBeforeCommit = new ArrayList<>();

        run(consumer, worker, () -> seenBeforeCommit.add(store.rows().size() + " rows, " + groupOffsets.size()
                + " offsets committed"));

        assertThat(seenBeforeCommit).containsExactly("1 rows, 0 offsets committed");
        assertThat(groupOffsets).containsKey(P0);
    }

    @Test
    void storesAClientRetryOnceAndCountsTheDuplicate() {
        produce(0, uplink(1, 10, "phone", "same"));
        produce(0, uplink(2, 10, "phone", "same"));
        produce(0, uplink(3, 10, "tablet", "same"));
        UplinkWorker[] worker = new UplinkWorker[1];

        run(consumer(worker), worker, () -> { });

        assertThat(store.rows()).extracting(row -> row.msgId().value()).containsExactly(1L, 3L);
        assertThat(metrics.duplicateCount()).isEqualTo(1);
    }

    @Test
    void skipsAndCountsMalformedRecordsAndCommitsPastThemSoThePartitionMovesOn() {
        produce(0, "not json".getBytes(StandardCharsets.UTF_8), null);
        produce(0, null, null);
        produce(0, "{\"kind\":\"UPLINK\",\"msgId\":\"9\",\"userId\":1}".getBytes(StandardCharsets.UTF_8), null);
        produce(0, uplink(4, 10, "phone", "ok"));
        UplinkWorker[] worker = new UplinkWorker[1];
        MockConsumer<byte[], byte[]> consumer = consumer(worker);

        run(consumer, worker, () -> { });

        assertThat(metrics.malformedCount()).isEqualTo(3);
        assertThat(store.rows()).extracting(row -> row.msgId().value()).containsExactly(4L);
        assertThat(groupOffsets.get(P0).offset()).isEqualTo(4);
    }

    @Test
    void givesUpWithoutCommittingWhenTheDatabaseFails() {
        produce(0, uplink(1, 10, "phone", "c1"));
        store.failNext(1);
        UplinkWorker[] worker = new UplinkWorker[1];
        MockConsumer<byte[], byte[]> consumer = consumer(worker);

        UplinkWorker.Exit exit = run(consumer, worker, () -> { });

        assertThat(exit).isEqualTo(UplinkWorker.Exit.FAILED);
        assertThat(groupOffsets).isEmpty();
        assertThat(consumer.closed()).isTrue();
        assertThat(worker[0].committedAny()).isFalse();
    }

    @Test
    void aSuccessorAfterACrashBetweenTheDatabaseAndTheOffsetCommitStoresNothingTwice() {
        produce(0, uplink(1, 10, "phone", "c1"));
        produce(1, uplink(2, 20, "phone", "c1"));
        UplinkWorker[] first = new UplinkWorker[1];
        MockConsumer<byte[], byte[]> crashed = consumer(first);

        UplinkWorker.Exit exit = run(crashed, first, () -> {
            throw new IllegalStateException("crash");
        });
        Map<TopicPartition, OffsetAndMetadata> afterCrash = Map.copyOf(groupOffsets);
        int rowsAfterCrash = store.rows().size();
        produce(0, uplink(3, 10, "phone", "c2"));
        UplinkWorker[] second = new UplinkWorker[1];
        MockConsumer<byte[], byte[]> successor = consumer(second);
        run(successor, second, () -> { });

        assertThat(exit).isEqualTo(UplinkWorker.Exit.FAILED);
        assertThat(afterCrash).as("offsets committed by the crashed consumer").isEmpty();
        assertThat(rowsAfterCrash).as("rows it had stored").isEqualTo(2);
        assertThat(store.rows()).extracting(row -> row.msgId().value()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(metrics.duplicateCount()).as("the redelivered batch").isEqualTo(2);
        assertThat(groupOffsets.get(P0).offset()).isEqualTo(2);
    }

    @Test
    void keepsAUsableTraceHeaderAndDropsAnUnusableOne() {
        produce(0, uplink(1, 10, "phone", "c1").toJsonBytes(), "4bf92f3577b34da6a3ce929d0e0e4736");
        produce(0, uplink(2, 10, "phone", "c2").toJsonBytes(), "has space");
        UplinkWorker[] worker = new UplinkWorker[1];

        run(consumer(worker), worker, () -> { });

        assertThat(store.rows()).extracting(UplinkRow::traceId).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", null);
    }
}
