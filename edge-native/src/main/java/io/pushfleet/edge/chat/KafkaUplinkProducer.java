package io.pushfleet.edge.chat;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.kafka.Topics;
import io.pushfleet.model.kafka.UplinkRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * {@link UplinkProducer} on Kafka: an idempotent producer with {@code acks=all} and a short linger.
 *
 * <p>{@code KafkaProducer.send} can block (up to {@code max.block.ms}) while it fetches metadata or when its
 * buffer is full, so it is never called on an event loop: records go through one sender thread with a bounded
 * queue. A full queue fails the record at once, which the sender sees as a {@code failed} receipt. The record
 * is serialized on that thread too (it re-parses the body). Acknowledgements arrive on Kafka's I/O thread.
 */
public final class KafkaUplinkProducer implements UplinkProducer {

    private static final Logger log = LoggerFactory.getLogger(KafkaUplinkProducer.class);
    /** Records waiting for the sender thread; past this, senders are told {@code failed} instead of queueing. */
    static final int QUEUE = 4096;
    /** How long the sender thread may wait for metadata or buffer space; never an event loop's time. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    private final Producer<String, byte[]> producer;
    private final ThreadPoolExecutor sender;

    KafkaUplinkProducer(Producer<String, byte[]> producer) {
        this.producer = requireNonNull(producer, "producer");
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "edge-kafka-send");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A producer for {@code bootstrap}. {@code deliveryTimeout} bounds how long a record may take, retries
     * included, before it fails; it must exceed {@code linger} by at least a second.
     */
    public static KafkaUplinkProducer create(String bootstrap, Duration linger, Duration deliveryTimeout, NodeId node) {
        return new KafkaUplinkProducer(new KafkaProducer<>(config(bootstrap, linger, deliveryTimeout, node),
                new StringSerializer(), new ByteArraySerializer()));
    }

    static Map<String, Object> config(String bootstrap, Duration linger, Duration deliveryTimeout, NodeId node) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "edge-" + node.value());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.minus(linger).toMillis());
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        return c;
    }

    /** Fetches the topic's metadata on the sender thread, so the first client record does not wait for it. */
    public void warmUp() {
        try {
            sender.execute(() -> {
                try {
                    List<PartitionInfo> partitions = producer.partitionsFor(Topics.UPLINK);
                    log.info("Kafka ready topic={} partitions={}", Topics.UPLINK, partitions.size());
                } catch (KafkaException e) {
                    log.warn("Kafka not reachable yet topic={}: {}", Topics.UPLINK, e.toString());
                }
            });
        } catch (RejectedExecutionException ignored) {
            // Closed already: nothing to warm.
        }
    }

    @Override
    public CompletionStage<Void> send(UplinkRecord record, String traceId) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            sender.execute(() -> produce(record, traceId, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("uplink queue full or closed", e));
        }
        return result;
    }

    private void produce(UplinkRecord record, String traceId, CompletableFuture<Void> result) {
        try {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.UPLINK, null, record.key(), record.toJsonBytes(),
                    List.of(new RecordHeader(Topics.TRACE_HEADER, traceId.getBytes(StandardCharsets.UTF_8))));
            producer.send(r, (metadata, error) -> {
                if (error == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public void close(Duration timeout) {
        sender.shutdown();
        try {
            sender.awaitTermination(timeout.toMillis() / 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout.dividedBy(2));
    }
}
