package io.pushfleet.control.uplink;

import io.pushfleet.control.auth.TokenService;
import io.pushfleet.control.support.LocalStackResource;
import io.pushfleet.control.support.Tokens;
import io.pushfleet.model.kafka.Topics;
import io.pushfleet.model.kafka.UplinkRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.pushfleet.control.uplink.TestUplinks.send;
import static io.pushfleet.control.uplink.TestUplinks.uplink;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The uplink consumer against a real broker and database (DESIGN 3.8): records produced as an edge produces
 * them end up as exactly one row per (user, device, clientMsgId), through duplicates, a crash between the
 * database commit and the offset commit, and restarts in the middle of a stream.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class UplinkConsumerIT {

    private static final Duration CAUGHT_UP = Duration.ofSeconds(60);

    @Inject
    UplinkConsumer consumer;

    @Inject
    UplinkMetrics metrics;

    @Inject
    UplinkConfig config;

    @Inject
    DataSource db;

    @Inject
    TokenService tokens;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();
    private Admin admin;
    /** Message and user ids of this test only: the topic and the table outlive test runs. */
    private long base;

    @BeforeEach
    void setUp() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50) * 1000;
    }

    @AfterEach
    void tearDown() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    /** Sends as an edge does: key = user id, trace id header; {@link #flush()} waits for the broker. */
    private void produce(UplinkRecord record) {
        produce(record.key(), record.toJsonBytes());
    }

    private void produce(String key, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.UPLINK, key, value);
        r.headers().add(Topics.TRACE_HEADER, ("trace" + base).getBytes(StandardCharsets.UTF_8));
        sent.add(producer.send(r));
    }

    /** Waits until the broker has every record sent so far (the idempotent producer keeps their order). */
    private void flush() {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("produce failed", e);
            }
        }
        sent.clear();
    }

    /** Waits until the consumer group has committed every record produced so far, on every partition. */
    private void awaitCaughtUp() {
        flush();
        await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < LocalStackResource.UPLINK_PARTITIONS; p++) {
                latest.put(new TopicPartition(Topics.UPLINK, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream().allMatch(end -> {
                OffsetAndMetadata c = committed.get(end.getKey());
                return end.getValue().offset() == 0 || (c != null && c.offset() >= end.getValue().offset());
            });
        });
    }

    /** user/device/clientMsgId -> msg_id of every stored row of these users. */
    private Map<String, Long> rows(List<Long> userIds) throws SQLException {
        String in = userIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, device_id, client_msg_id, msg_id FROM messages WHERE user_id IN (" + in + ")")) {
            for (int i = 0; i < userIds.size(); i++) {
                ps.setLong(i + 1, userIds.get(i));
            }
            Map<String, Long> rows = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long previous = rows.put(rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getString(3), rs.getLong(4));
                    assertThat(previous).as("a second row for one client message").isNull();
                }
            }
            return rows;
        }
    }

    private List<Long> users(int count) {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(base + i);
        }
        return users;
    }

    @Test
    void storesEachClientMessageOnceThroughClientRetriesAndRedeliveredRecords() throws SQLException {
        List<Long> users = users(4);
        long duplicatesBefore = metrics.duplicateCount();
        long persistedBefore = metrics.persistedCount();
        Map<String, Long> expected = new HashMap<>();
        long msgId = base;
        for (long user : users) {
            for (int i = 0; i < 10; i++) {
                UplinkRecord record = uplink(++msgId, user, "phone", "c" + i);
                produce(record);
                expected.put(user + "/phone/c" + i, msgId);
                if (i % 3 == 0) {
                    produce(record); // the edge's producer retried: the very same record again
                }
                if (i % 4 == 0) {
                    produce(uplink(++msgId, user, "phone", "c" + i)); // the client retried: same clientMsgId, new msgId
                }
            }
        }

        awaitCaughtUp();

        assertThat(rows(users)).isEqualTo(expected);
        assertThat(metrics.persistedCount() - persistedBefore).isEqualTo(40);
        assertThat(metrics.duplicateCount() - duplicatesBefore).isEqualTo(4 * (4 + 3));
    }

    @Test
    void losesAndDuplicatesNothingWhenTheConsumerDiesBetweenTheDatabaseAndTheOffsetCommit() throws SQLException {
        List<Long> users = users(3);
        long persistedBefore = metrics.persistedCount();
        long duplicatesBefore = metrics.duplicateCount();
        int livesBefore = consumer.lives();
        consumer.crashBeforeNextCommit();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 90; i++) {
            long user = users.get(i % 3);
            long msgId = base + i + 1;
            produce(uplink(msgId, user, "laptop", "m" + i));
            expected.put(user + "/laptop/m" + i, msgId);
        }
        flush();

        await().atMost(CAUGHT_UP).until(() -> consumer.lives() > livesBefore);
        awaitCaughtUp();

        assertThat(rows(users)).isEqualTo(expected);
        assertThat(metrics.persistedCount() - persistedBefore).as("rows inserted").isEqualTo(90);
        assertThat(metrics.duplicateCount() - duplicatesBefore)
                .as("rows of the crashed batch, found stored when read again").isPositive();
    }

    @Test
    void losesAndDuplicatesNothingAcrossRestartsInTheMiddleOfAStream() throws SQLException {
        List<Long> users = users(5);
        long persistedBefore = metrics.persistedCount();
        Map<String, Long> expected = new HashMap<>();
        Function<Integer, Void> produceRange = from -> {
            for (int i = from; i < from + 300; i++) {
                long user = users.get(i % users.size());
                long msgId = base + i + 1;
                produce(send(msgId, user, "web", "s" + i, users.get((i + 1) % users.size())));
                expected.put(user + "/web/s" + i, msgId);
            }
            return null;
        };

        produceRange.apply(0);
        flush();
        await().atMost(CAUGHT_UP).until(() -> metrics.persistedCount() > persistedBefore);
        int lives = consumer.lives();
        consumer.restart();
        produceRange.apply(300);
        flush();
        await().atMost(CAUGHT_UP).until(() -> consumer.lives() > lives);
        consumer.restart();
        produceRange.apply(600);
        awaitCaughtUp();
        // The second life may take the last records with the poll it is in when stopped, so the offsets can be
        // caught up before the supervisor has started the third life.
        await().atMost(CAUGHT_UP).until(() -> consumer.lives() >= lives + 2);

        assertThat(rows(users)).isEqualTo(expected);
        assertThat(metrics.persistedCount() - persistedBefore).isEqualTo(900);
    }

    @Test
    void skipsAndCountsMalformedRecordsWithoutBlockingThePartition() throws SQLException {
        long user = base;
        long malformedBefore = metrics.malformedCount();
        String key = Long.toString(user); // same key, so same partition as the good record after them

        produce(key, "{not json".getBytes(StandardCharsets.UTF_8));
        produce(key, "{\"kind\":\"SEND\",\"msgId\":\"1\"}".getBytes(StandardCharsets.UTF_8));
        produce(key, null);
        produce(uplink(base + 1, user, "sensor", "ok"));
        awaitCaughtUp();

        assertThat(metrics.malformedCount() - malformedBefore).isEqualTo(3);
        assertThat(rows(List.of(user))).containsOnlyKeys(user + "/sensor/ok");
        assertThat(given().when().get("/metrics").then().statusCode(200).extract().asString())
                .contains("pushfleet_uplink_records_total{outcome=\"malformed\"}",
                        "pushfleet_uplink_records_total{outcome=\"persisted\"}",
                        "pushfleet_uplink_records_total{outcome=\"duplicate\"}", "pushfleet_uplink_consumer_lag");
    }

    @Test
    void storesTheTraceIdAndShowsAChatMessageInBothUsersHistories() throws SQLException {
        long alice = base;
        long bob = base + 1;

        produce(send(base + 7, alice, "web", "hello-1", bob));
        awaitCaughtUp();

        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT trace_id, kind, target_user FROM messages WHERE msg_id = ?")) {
            ps.setLong(1, base + 7);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("trace" + base);
                assertThat(rs.getString(2)).isEqualTo("send");
                assertThat(rs.getLong(3)).isEqualTo(bob);
            }
        }
        for (long user : new long[] {alice, bob}) {
            JsonPath page = given().header("Authorization", Tokens.bearer(tokens, user))
                    .when().get("/api/users/" + user + "/messages")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("messages.msgId")).containsExactly(Long.toString(base + 7));
            assertThat(page.getLong("messages[0].from")).isEqualTo(alice);
            assertThat(page.getLong("messages[0].to.user")).isEqualTo(bob);
            assertThat(page.getString("messages[0].body.text")).isEqualTo("hi " + (base + 7));
        }
    }
}
