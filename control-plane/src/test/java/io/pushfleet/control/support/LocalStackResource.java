package io.pushfleet.control.support;

import io.pushfleet.localstack.LocalStack;
import io.pushfleet.model.kafka.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Points a {@code @QuarkusTest} at real Redis, MariaDB and Kafka: the local-stack {@code test} instance,
 * started if it is not running yet, with the uplink topic created ({@link #UPLINK_PARTITIONS} partitions,
 * so consumer restarts move more than one partition). Left running afterwards on purpose: {@code start} is
 * idempotent, so the next test class or module (and the next run) reuses it instead of paying for a restart.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    public static final int UPLINK_PARTITIONS = 3;

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.forTests()
                .start(LocalStack.Service.REDIS, LocalStack.Service.MARIADB, LocalStack.Service.KAFKA);
        ensureUplinkTopic(stack.kafkaBootstrap());
        return Map.of(
                "quarkus.redis.hosts", stack.redisUri(),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                "quarkus.datasource.username", stack.dbUser(),
                "quarkus.datasource.password", stack.dbPassword(),
                "kafka.bootstrap.servers", stack.kafkaBootstrap());
    }

    @Override
    public void stop() {
        // Nothing: see the class comment.
    }

    /** Creates the topic, or grows one an older run let the broker auto-create with a single partition. */
    private static void ensureUplinkTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(Topics.UPLINK, UPLINK_PARTITIONS, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                TopicDescription topic = admin.describeTopics(List.of(Topics.UPLINK)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(Topics.UPLINK);
                if (topic.partitions().size() < UPLINK_PARTITIONS) {
                    admin.createPartitions(Map.of(Topics.UPLINK, NewPartitions.increaseTo(UPLINK_PARTITIONS)))
                            .all().get(30, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topic " + Topics.UPLINK + " at " + bootstrap, e);
        }
    }
}
