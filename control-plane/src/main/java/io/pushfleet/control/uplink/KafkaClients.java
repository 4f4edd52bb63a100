package io.pushfleet.control.uplink;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the Kafka clients of the control plane from {@code kafka.bootstrap.servers} (env
 * {@code KAFKA_BOOTSTRAP_SERVERS}; no default in production, so a missing one stops startup).
 * Deserializers are passed as instances, not class names, so nothing is loaded by reflection.
 */
@ApplicationScoped
public class KafkaClients {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

    private final String bootstrapServers;
    private final String clientIdPrefix;
    private final AtomicInteger consumers = new AtomicInteger();

    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        if (bootstrapServers.isBlank()) {
            throw new IllegalStateException("kafka.bootstrap.servers: blank (expected: host:port[,host:port...])");
        }
        this.bootstrapServers = bootstrapServers;
        // The broker logs the client's address; the pid tells two control planes on one host apart.
        this.clientIdPrefix = "control-plane-" + ProcessHandle.current().pid();
        LOG.info("kafka: bootstrap.servers={}", bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * A consumer of raw bytes that never commits on its own ({@code enable.auto.commit=false}): the
     * caller commits after its database transaction. A group without offsets starts at the earliest
     * record, so records produced before the first control plane ran are not skipped.
     */
    public Consumer<byte[], byte[]> uplinkConsumer(String groupId, int maxPollRecords) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-uplink-" + consumers.incrementAndGet());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // The topic is created by operators (or the broker, when edges first produce); never by a consumer.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** An admin client whose calls give up after {@code timeout}, for probes. */
    public Admin admin(Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        return Admin.create(props);
    }
}
