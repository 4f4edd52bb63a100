package io.pushfleet.localstack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Immutable settings of one local-stack instance: its name, where its data lives and the loopback
 * ports of its servers, validated as a whole when built.
 *
 * <p>The presets {@link #dev()} and {@link #test()} carry the fixed ports of the two instances the
 * project uses; {@link #toBuilder()} derives a variant with other ports. The database name, user and
 * password are the same for every instance: a local-only default, never used outside this machine.
 */
public final class LocalStackConfig {

    /** The only address the servers bind to. */
    public static final String HOST = "127.0.0.1";
    public static final String DB_NAME = "pushfleet";
    public static final String DB_USER = "pushfleet";
    /** Local-only default password of {@link #DB_USER}; the servers listen on loopback only. */
    public static final String DB_PASSWORD = "pushfleet";

    private static final Pattern INSTANCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final String instance;
    private final Path projectRoot;
    private final int redisPort;
    private final int mariadbPort;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final int kafkaHeapMb;
    private final Path javaExecutable;
    private final Path kafkaLibsDir;

    private LocalStackConfig(Builder b) {
        this.instance = b.instance;
        this.projectRoot = b.projectRoot;
        this.redisPort = b.redisPort;
        this.mariadbPort = b.mariadbPort;
        this.kafkaPort = b.kafkaPort;
        this.kafkaControllerPort = b.kafkaControllerPort;
        this.startTimeout = b.startTimeout;
        this.stopTimeout = b.stopTimeout;
        this.kafkaHeapMb = b.kafkaHeapMb;
        this.javaExecutable = b.javaExecutable != null
                ? b.javaExecutable : Path.of(System.getProperty("java.home"), "bin", "java");
        this.kafkaLibsDir = b.kafkaLibsDir != null
                ? b.kafkaLibsDir : projectRoot.resolve("local-stack").resolve("target").resolve("kafka-libs");
    }

    /** The {@code dev} instance used by the one-command local run: Redis 16379, MariaDB 13306, Kafka 19092/19093. */
    public static LocalStackConfig dev() {
        return forInstance("dev", StackEnvironment.current());
    }

    /** The {@code test} instance used by integration tests: Redis 26379, MariaDB 23306, Kafka 29092/29093. */
    public static LocalStackConfig test() {
        return forInstance("test", StackEnvironment.current());
    }

    /** The preset named {@code dev} or {@code test} in the given environment, ports shifted by its offset. */
    public static LocalStackConfig forInstance(String instance, StackEnvironment environment) {
        requireNonNull(instance, "instance");
        requireNonNull(environment, "environment");
        int[] ports = switch (instance) {
            case "dev" -> new int[] {16379, 13306, 19092, 19093};
            case "test" -> new int[] {26379, 23306, 29092, 29093};
            default -> throw new IllegalArgumentException("instance: " + instance + " (expected: dev or test)");
        };
        int offset = environment.portOffset();
        return builder(instance, environment.projectRoot())
                .redisPort(ports[0] + offset)
                .mariadbPort(ports[1] + offset)
                .kafkaPort(ports[2] + offset)
                .kafkaControllerPort(ports[3] + offset)
                .build();
    }

    /** A builder with no ports set; every port must be given. */
    public static Builder builder(String instance, Path projectRoot) {
        return new Builder(instance, projectRoot);
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder(instance, projectRoot);
        b.redisPort = redisPort;
        b.mariadbPort = mariadbPort;
        b.kafkaPort = kafkaPort;
        b.kafkaControllerPort = kafkaControllerPort;
        b.startTimeout = startTimeout;
        b.stopTimeout = stopTimeout;
        b.kafkaHeapMb = kafkaHeapMb;
        b.javaExecutable = javaExecutable;
        b.kafkaLibsDir = kafkaLibsDir;
        return b;
    }

    public String instance() {
        return instance;
    }

    public Path projectRoot() {
        return projectRoot;
    }

    /** {@code <projectRoot>/.local-stack/<instance>}: data, logs, pid files and the lock of this instance. */
    public Path dataDir() {
        return projectRoot.resolve(".local-stack").resolve(instance);
    }

    public int redisPort() {
        return redisPort;
    }

    public int mariadbPort() {
        return mariadbPort;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int kafkaControllerPort() {
        return kafkaControllerPort;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public Duration stopTimeout() {
        return stopTimeout;
    }

    public int kafkaHeapMb() {
        return kafkaHeapMb;
    }

    public Path javaExecutable() {
        return javaExecutable;
    }

    public Path kafkaLibsDir() {
        return kafkaLibsDir;
    }

    @Override
    public String toString() {
        return "LocalStackConfig{instance=" + instance + ", dataDir=" + dataDir()
                + ", redisPort=" + redisPort + ", mariadbPort=" + mariadbPort
                + ", kafkaPort=" + kafkaPort + ", kafkaControllerPort=" + kafkaControllerPort
                + ", dbUser=" + DB_USER + ", dbPassword=****"
                + ", startTimeout=" + startTimeout + ", stopTimeout=" + stopTimeout
                + ", kafkaHeapMb=" + kafkaHeapMb + ", javaExecutable=" + javaExecutable
                + ", kafkaLibsDir=" + kafkaLibsDir + "}";
    }

    /** Collects the settings; {@link #build()} validates them together. */
    public static final class Builder {

        private String instance;
        private Path projectRoot;
        private int redisPort;
        private int mariadbPort;
        private int kafkaPort;
        private int kafkaControllerPort;
        private Duration startTimeout = Duration.ofMinutes(2);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private int kafkaHeapMb = 512;
        private Path javaExecutable;
        private Path kafkaLibsDir;

        private Builder(String instance, Path projectRoot) {
            instance(instance);
            this.projectRoot = requireNonNull(projectRoot, "projectRoot").toAbsolutePath().normalize();
        }

        /** The instance name, 1 to 32 of {@code [a-z0-9-]}; it names the data directory. */
        public Builder instance(String instance) {
            this.instance = requireNonNull(instance, "instance");
            return this;
        }

        /** Redis port on {@link #HOST}; no default. */
        public Builder redisPort(int port) {
            this.redisPort = port;
            return this;
        }

        /** MariaDB port on {@link #HOST}; no default. */
        public Builder mariadbPort(int port) {
            this.mariadbPort = port;
            return this;
        }

        /** Kafka client (PLAINTEXT) port on {@link #HOST}; no default. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** Kafka KRaft controller port on {@link #HOST}; no default. */
        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        /** How long one start may wait for each server to answer; default 2 minutes. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = requireNonNull(timeout, "startTimeout");
            return this;
        }

        /** How long a server may take to exit after SIGTERM before it gets SIGKILL; default 30 seconds. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = requireNonNull(timeout, "stopTimeout");
            return this;
        }

        /** Maximum heap of the Kafka broker JVM in MiB; default 512. */
        public Builder kafkaHeapMb(int megabytes) {
            this.kafkaHeapMb = megabytes;
            return this;
        }

        /** The {@code java} that runs the broker; default the one running this JVM. */
        public Builder javaExecutable(Path java) {
            this.javaExecutable = requireNonNull(java, "javaExecutable");
            return this;
        }

        /** Directory of the broker's jars; default {@code <projectRoot>/local-stack/target/kafka-libs}. */
        public Builder kafkaLibsDir(Path dir) {
            this.kafkaLibsDir = requireNonNull(dir, "kafkaLibsDir");
            return this;
        }

        public LocalStackConfig build() {
            if (!INSTANCE.matcher(instance).matches()) {
                throw new IllegalArgumentException("instance: \"" + instance
                        + "\" (expected: 1 to 32 of [a-z0-9-], not starting with '-')");
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("redisPort", redisPort);
            ports.put("mariadbPort", mariadbPort);
            ports.put("kafkaPort", kafkaPort);
            ports.put("kafkaControllerPort", kafkaControllerPort);
            Map<Integer, String> seen = new LinkedHashMap<>();
            ports.forEach((name, port) -> {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(name + ": " + port + " (expected: 1..65535)");
                }
                String other = seen.putIfAbsent(port, name);
                if (other != null) {
                    throw new IllegalArgumentException(
                            name + ": " + port + " (expected: different from " + other + ")");
                }
            });
            requirePositive("startTimeout", startTimeout);
            requirePositive("stopTimeout", stopTimeout);
            if (kafkaHeapMb < 128) {
                throw new IllegalArgumentException("kafkaHeapMb: " + kafkaHeapMb + " (expected: >= 128)");
            }
            return new LocalStackConfig(this);
        }

        private static void requirePositive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
            }
        }
    }
}
