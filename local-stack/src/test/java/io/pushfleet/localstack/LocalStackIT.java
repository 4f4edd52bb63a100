package io.pushfleet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pushfleet.localstack.LocalStack.Service;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the real {@code test} instance and talks to each server with its own protocol and client.
 *
 * <p>The servers stay up afterwards, as for every other module's integration tests; stop them with
 * {@code local-stack/bin/local-stack stop --instance test}.
 */
class LocalStackIT {

    private static final Logger log = LoggerFactory.getLogger(LocalStackIT.class);

    @Test
    void startsAllThreeServersThatAnswerTheirClientsAndReusesThemOnASecondStart() throws Exception {
        LocalStack stack = LocalStack.forTests();

        long first = timed(stack::start);
        Map<Service, OptionalLong> pids = pids(stack);
        long second = timed(stack::start);

        log.info("first start took {} ms (cold if {} was empty), second start took {} ms",
                first, stack.dataDir(), second);
        assertThat(redisPing(stack)).isEqualTo("+PONG");
        assertThat(mysqlRoundTrip(stack)).isEqualTo("hello from pushfleet");
        assertThat(kafkaRoundTrip(stack)).isEqualTo("uplink-1");
        assertThat(pids(stack)).isEqualTo(pids).allSatisfy((service, pid) -> assertThat(pid).isPresent());
        assertThat(stack.status()).allSatisfy(status -> assertThat(status.state()).isEqualTo(ServiceStatus.State.UP));
        assertThat(second).isLessThan(5_000);
    }

    @Test
    void refusesAPortHeldByAnotherProcessNamingThePortAndTheServer() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName(LocalStackConfig.HOST))) {
            int port = other.getLocalPort();
            LocalStackConfig config = LocalStackConfig.test().toBuilder()
                    .instance("it-port-taken")
                    .redisPort(port)
                    .build();

            assertThatThrownBy(() -> LocalStack.create(config).start(Service.REDIS))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessage("redis port " + port + " on 127.0.0.1 is in use by another process"
                            + " (set a different port or stop it)");
        }
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static Map<Service, OptionalLong> pids(LocalStack stack) {
        Map<Service, OptionalLong> pids = new EnumMap<>(Service.class);
        stack.status().forEach(status -> pids.put(status.service(), status.pid()));
        return pids;
    }

    private static String redisPing(LocalStack stack) throws IOException {
        try (Socket socket = new Socket(stack.redisHost(), stack.redisPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int b = in.read(); b != '\r' && b != -1; b = in.read()) {
                reply.append((char) b);
            }
            return reply.toString();
        }
    }

    private static String mysqlRoundTrip(LocalStack stack) throws Exception {
        String table = "it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, body VARCHAR(64)) CHARACTER SET utf8mb4");
            try {
                statement.execute("INSERT INTO " + table + " VALUES (1, 'hello from pushfleet')");
                try (ResultSet rows = statement.executeQuery("SELECT body FROM " + table + " WHERE id = 1")) {
                    assertThat(rows.next()).isTrue();
                    return rows.getString(1);
                }
            } finally {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    private static String kafkaRoundTrip(LocalStack stack) throws Exception {
        String topic = "local-stack-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "user-1", "uplink-1")).get(30, TimeUnit.SECONDS);
        }
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
                return !received.isEmpty();
            });
        }
        return received.getFirst();
    }
}
