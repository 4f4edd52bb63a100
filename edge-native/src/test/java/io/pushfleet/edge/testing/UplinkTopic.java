package io.pushfleet.edge.testing;

import io.pushfleet.model.kafka.Topics;
import io.pushfleet.model.kafka.UplinkRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The uplink topic as a test reads it: {@link #mark()} the end offsets, act, then {@link #readUntil} reads
 * every record after the mark up to one that matches, so "exactly one" and "none before X" can be asserted
 * without sleeping. Records of earlier runs stay in the topic; tests filter by their own ids.
 */
public final class UplinkTopic implements AutoCloseable {

    /** One record with what the tests check besides the payload. */
    public record Uplink(String key, String traceId, UplinkRecord record) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    private UplinkTopic(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** Creates the topic if needed (so no producer waits for auto-creation) and assigns all its partitions. */
    public static UplinkTopic open(String bootstrap) throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(Topics.UPLINK, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            admin.describeTopics(Set.of(Topics.UPLINK)).allTopicNames().get(30, TimeUnit.SECONDS);
        }
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(Topics.UPLINK, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        consumer.assign(partitions);
        return new UplinkTopic(consumer, partitions);
    }

    public Map<TopicPartition, Long> mark() {
        return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    /**
     * Every record after {@code mark}, in partition order, up to and including the first that matches
     * {@code last}; fails after {@code timeout}.
     */
    public List<Uplink> readUntil(Map<TopicPartition, Long> mark, Predicate<Uplink> last, Duration timeout) {
        mark.forEach(consumer::seek);
        List<Uplink> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                Uplink u = uplink(r);
                seen.add(u);
                if (last.test(u)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no matching uplink record within " + timeout + "; saw " + seen.size());
    }

    /** Every record after {@code mark} up to the topic's current end. */
    public List<Uplink> readToEnd(Map<TopicPartition, Long> mark) {
        Map<TopicPartition, Long> end = mark();
        mark.forEach(consumer::seek);
        List<Uplink> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!reached(end) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(uplink(r));
            }
        }
        return seen;
    }

    private static Uplink uplink(ConsumerRecord<String, byte[]> r) {
        Header trace = r.headers().lastHeader(Topics.TRACE_HEADER);
        return new Uplink(r.key(), trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8),
                UplinkRecord.fromJsonBytes(r.value()));
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
