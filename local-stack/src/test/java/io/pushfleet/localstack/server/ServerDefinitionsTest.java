package io.pushfleet.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushfleet.localstack.LocalStackException;
import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDefinitionsTest {

    private static final Path DIR = Path.of("/p/.local-stack/test");

    @Test
    void redisTellsItsPortsFromTheLaunchArgumentsAndFromItsRewrittenTitle() {
        RedisServer redis = new RedisServer("127.0.0.1", 26379, DIR.resolve("redis"));

        assertThat(redis.isServerCommandLine("redis-server 127.0.0.1:26379")).isTrue();
        assertThat(redis.isServerCommandLine("vim 127.0.0.1:26379")).isFalse();
        assertThat(redis.usesConfiguredPorts("redis-server 127.0.0.1:26379")).isTrue();
        assertThat(redis.usesConfiguredPorts("/usr/bin/redis-server --port 26379 --bind 127.0.0.1")).isTrue();
        assertThat(redis.usesConfiguredPorts("/usr/bin/redis-server --port 16379 --bind 127.0.0.1")).isFalse();
        assertThat(redis.usesConfiguredPorts("redis-server 127.0.0.1:16379")).isFalse();
        assertThat(redis.usesConfiguredPorts("redis-server 127.0.0.1:2637")).isFalse();
    }

    @Test
    void redisRunsWithoutPersistenceBoundToLoopback() {
        RedisServer redis = new RedisServer("127.0.0.1", 26379, DIR.resolve("redis"));

        assertThat(redis.command(new Binaries(Map.of(Binary.REDIS_SERVER, Path.of("/usr/bin/redis-server")))))
                .containsSubsequence("--port", "26379")
                .containsSubsequence("--bind", "127.0.0.1")
                .containsSubsequence("--save", "")
                .containsSubsequence("--appendonly", "no");
    }

    @Test
    void mariadbTellsItsPortFromItsArguments() {
        MariaDbServer mariadb = mariadb(false);

        assertThat(mariadb.isServerCommandLine("/usr/sbin/mariadbd --no-defaults --port=23306")).isTrue();
        assertThat(mariadb.isServerCommandLine("java --port=23306")).isFalse();
        assertThat(mariadb.usesConfiguredPorts("/usr/sbin/mariadbd --no-defaults --port=23306 --bind-address=127.0.0.1"))
                .isTrue();
        assertThat(mariadb.usesConfiguredPorts("/usr/sbin/mariadbd --no-defaults --port=13306")).isFalse();
    }

    @Test
    void mariadbRunsAsRootOnlyWhenThisProcessIsRoot() {
        Binaries binaries = new Binaries(Map.of(Binary.MARIADBD, Path.of("/usr/sbin/mariadbd")));

        assertThat(mariadb(true).command(binaries)).contains("--user=root").contains("--no-defaults");
        assertThat(mariadb(false).command(binaries)).doesNotContain("--user=root");
        assertThat(mariadb(false).command(binaries).get(1)).isEqualTo("--no-defaults");
    }

    @Test
    void mariadbBootstrapIsIdempotentSql() {
        String sql = mariadb(false).bootstrapSql();

        assertThat(sql)
                .contains("CREATE DATABASE IF NOT EXISTS `pushfleet`")
                .contains("CREATE USER IF NOT EXISTS 'pushfleet'@'127.0.0.1' IDENTIFIED BY 'secret';")
                .contains("CREATE USER IF NOT EXISTS 'pushfleet'@'localhost'")
                .contains("GRANT ALL PRIVILEGES ON `pushfleet`.* TO 'pushfleet'@'127.0.0.1';")
                .contains("GRANT ALL PRIVILEGES ON `pushfleet\\_%`.* TO 'pushfleet'@'localhost';");
    }

    @Test
    void mariadbMovesATooLongSocketPathToTheTempDirectory() {
        Path deep = Path.of("/" + "d".repeat(120));
        MariaDbServer mariadb = new MariaDbServer("127.0.0.1", 23306, deep, false, "pushfleet", "pushfleet", "x");

        assertThat(mariadb.socket().toString()).endsWith("pushfleet-mariadb-23306.sock").hasSizeLessThan(100);
        assertThat(mariadb(false).socket()).isEqualTo(DIR.resolve("mariadb/mariadb.sock"));
    }

    @Test
    void kafkaTellsItsPortsFromTheMarkerProperty() {
        KafkaServer kafka = kafka();
        String own = String.join(" ", kafka.command(new Binaries(Map.of())));

        assertThat(kafka.isServerCommandLine(own)).isTrue();
        assertThat(kafka.usesConfiguredPorts(own)).isTrue();
        assertThat(kafka.usesConfiguredPorts(own.replace("29092", "19092"))).isFalse();
        assertThat(kafka.usesConfiguredPorts(own.replace("29093", "19093"))).isFalse();
        assertThat(kafka.readyLogLine()).hasValue("Kafka Server started");
    }

    @Test
    void kafkaRunsWithASmallHeapFromTheCopiedJars() {
        assertThat(kafka().command(new Binaries(Map.of())))
                .contains("-Xmx512m", "-XX:+UseSerialGC", "kafka.Kafka")
                .containsSubsequence("-cp", "/p/local-stack/target/kafka-libs/*");
    }

    @Test
    void kafkaSaysWhichCommandBuildsItsJarsWhenTheyAreMissing(@TempDir Path tmp) {
        KafkaServer kafka = new KafkaServer("127.0.0.1", 29092, 29093, tmp.resolve("kafka"), Path.of("/usr/bin/java"),
                tmp.resolve("local-stack/target/kafka-libs"), 512, tmp);

        assertThatThrownBy(() -> kafka.prepare(new Binaries(Map.of())))
                .isInstanceOf(LocalStackException.class)
                .hasMessage("kafka: broker jars not found in " + tmp.resolve("local-stack/target/kafka-libs")
                        + " (expected: copied there by the build; run ./mvnw -B -q -pl local-stack -am package"
                        + " -DskipTests in " + tmp + ")");
    }

    @Test
    void kafkaConfigIsACombinedSingleNodeOnLoopback() {
        String properties = KafkaProperties.combinedNode("127.0.0.1", 29092, 29093, DIR.resolve("kafka/data"));

        assertThat(properties)
                .contains("process.roles=broker,controller")
                .contains("listeners=PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093")
                .contains("controller.quorum.bootstrap.servers=127.0.0.1:29093")
                .contains("log.dirs=/p/.local-stack/test/kafka/data")
                .contains("offsets.topic.replication.factor=1");
    }

    @Test
    void kafkaClusterIdsAreKafkaShapedAndNeverLookLikeAnOption() {
        for (int i = 0; i < 200; i++) {
            assertThat(KafkaServer.newClusterId()).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
        }
    }

    private static MariaDbServer mariadb(boolean root) {
        return new MariaDbServer("127.0.0.1", 23306, DIR.resolve("mariadb"), root, "pushfleet", "pushfleet", "secret");
    }

    private static KafkaServer kafka() {
        return new KafkaServer("127.0.0.1", 29092, 29093, DIR.resolve("kafka"), Path.of("/usr/bin/java"),
                Path.of("/p/local-stack/target/kafka-libs"), 512, Path.of("/p"));
    }
}
