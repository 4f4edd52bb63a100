package io.pushfleet.control.health;

import io.pushfleet.control.uplink.KafkaClients;
import io.pushfleet.control.uplink.UplinkConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready only while a Kafka broker answers {@code DescribeCluster} within {@code push.uplink.health-timeout}:
 * without Kafka no uplink is persisted. One admin client for the life of the process, created on first use.
 */
@Readiness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    static final String NAME = "kafka";

    private final KafkaClients kafka;
    private final Duration timeout;
    private Admin admin;

    @Inject
    public KafkaHealthCheck(KafkaClients kafka, UplinkConfig config) {
        this(kafka, config.healthTimeout());
    }

    public KafkaHealthCheck(KafkaClients kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).status(!nodes.isEmpty()).withData("brokers", nodes.size()).build();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return down("kafka unreachable within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private HealthCheckResponse down(String error) {
        return HealthCheckResponse.named(NAME).down().withData("bootstrap", kafka.bootstrapServers())
                .withData("error", error).build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = kafka.admin(timeout);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
