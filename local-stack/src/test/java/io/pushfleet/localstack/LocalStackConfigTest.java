package io.pushfleet.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushfleet.localstack.install.FakeHost;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {

    private static final Path ROOT = Path.of("/work/project");

    @Test
    void testPresetUsesTheFixedTestPortsAndAnInstanceDataDir() {
        LocalStackConfig config = LocalStackConfig.forInstance("test", new StackEnvironment(ROOT, 0));

        assertThat(config.redisPort()).isEqualTo(26379);
        assertThat(config.mariadbPort()).isEqualTo(23306);
        assertThat(config.kafkaPort()).isEqualTo(29092);
        assertThat(config.kafkaControllerPort()).isEqualTo(29093);
        assertThat(config.dataDir()).isEqualTo(ROOT.resolve(".local-stack/test"));
        assertThat(config.kafkaLibsDir()).isEqualTo(ROOT.resolve("local-stack/target/kafka-libs"));
    }

    @Test
    void devPresetUsesTheFixedDevPorts() {
        LocalStackConfig config = LocalStackConfig.forInstance("dev", new StackEnvironment(ROOT, 0));

        assertThat(config.redisPort()).isEqualTo(16379);
        assertThat(config.mariadbPort()).isEqualTo(13306);
        assertThat(config.kafkaPort()).isEqualTo(19092);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
    }

    @Test
    void portOffsetShiftsEveryPresetPort() {
        LocalStackConfig config = LocalStackConfig.forInstance("test", new StackEnvironment(ROOT, 1000));

        assertThat(config.redisPort()).isEqualTo(27379);
        assertThat(config.mariadbPort()).isEqualTo(24306);
        assertThat(config.kafkaPort()).isEqualTo(30092);
        assertThat(config.kafkaControllerPort()).isEqualTo(30093);
    }

    @Test
    void rejectsAnUnknownPresetName() {
        assertThatThrownBy(() -> LocalStackConfig.forInstance("prod", new StackEnvironment(ROOT, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance: prod (expected: dev or test)");
    }

    @Test
    void rejectsAPortOutOfRange() {
        LocalStackConfig.Builder builder = test().redisPort(70000);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redisPort: 70000 (expected: 1..65535)");
    }

    @Test
    void rejectsAPortThatIsNotSet() {
        LocalStackConfig.Builder builder = LocalStackConfig.builder("it", ROOT)
                .redisPort(1).mariadbPort(2).kafkaPort(3);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafkaControllerPort: 0 (expected: 1..65535)");
    }

    @Test
    void rejectsTwoServersOnOnePort() {
        LocalStackConfig.Builder builder = test().kafkaControllerPort(26379);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafkaControllerPort: 26379 (expected: different from redisPort)");
    }

    @Test
    void rejectsAnInstanceNameThatIsNotASafeDirectoryName() {
        LocalStackConfig.Builder builder = test().instance("../etc");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance: \"../etc\" (expected: 1 to 32 of [a-z0-9-], not starting with '-')");
    }

    @Test
    void rejectsANonPositiveStartTimeout() {
        LocalStackConfig.Builder builder = test().startTimeout(Duration.ZERO);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startTimeout: PT0S (expected: > 0)");
    }

    @Test
    void toBuilderKeepsEverythingButWhatIsChanged() {
        LocalStackConfig config = test().instance("other").redisPort(31000).build();

        assertThat(config.instance()).isEqualTo("other");
        assertThat(config.redisPort()).isEqualTo(31000);
        assertThat(config.mariadbPort()).isEqualTo(23306);
        assertThat(config.dataDir()).isEqualTo(ROOT.resolve(".local-stack/other"));
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(test().build().toString())
                .contains("dbPassword=****")
                .doesNotContain("dbPassword=" + LocalStackConfig.DB_PASSWORD);
    }

    @Test
    void connectionDetailsFollowTheConfiguredPorts() {
        LocalStack stack = new LocalStack(test().build(), new FakeHost());

        assertThat(stack.redisUri()).isEqualTo("redis://127.0.0.1:26379");
        assertThat(stack.redisHost()).isEqualTo("127.0.0.1");
        assertThat(stack.redisPort()).isEqualTo(26379);
        assertThat(stack.jdbcUrl()).isEqualTo("jdbc:mysql://127.0.0.1:23306/pushfleet");
        assertThat(stack.dbUser()).isEqualTo("pushfleet");
        assertThat(stack.dbPassword()).isEqualTo("pushfleet");
        assertThat(stack.kafkaBootstrap()).isEqualTo("127.0.0.1:29092");
        assertThat(stack.dataDir()).isEqualTo(ROOT.resolve(".local-stack/test"));
    }

    @Test
    void startWithoutServicesIsRejected() {
        LocalStack stack = new LocalStack(test().build(), new FakeHost());

        assertThatThrownBy(() -> stack.start(new LocalStack.Service[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("services: [] (expected: at least one of [REDIS, MARIADB, KAFKA])");
    }

    private static LocalStackConfig.Builder test() {
        return LocalStackConfig.forInstance("test", new StackEnvironment(ROOT, 0)).toBuilder();
    }
}
