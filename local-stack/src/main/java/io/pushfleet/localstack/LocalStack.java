package io.pushfleet.localstack;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import io.pushfleet.localstack.install.Host;
import io.pushfleet.localstack.install.LinuxHost;
import io.pushfleet.localstack.install.PackageInstaller;
import io.pushfleet.localstack.process.Deadline;
import io.pushfleet.localstack.process.InstanceLock;
import io.pushfleet.localstack.process.ProcessTable;
import io.pushfleet.localstack.server.KafkaServer;
import io.pushfleet.localstack.server.ManagedServer;
import io.pushfleet.localstack.server.MariaDbServer;
import io.pushfleet.localstack.server.RedisServer;
import io.pushfleet.localstack.server.ServerSupervisor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Redis, MariaDB and Kafka on loopback ports of their own, for integration tests and the local run;
 * no Docker. Start is idempotent and safe from several JVMs at once; the servers outlive this JVM and
 * are reused by the next start until {@link #stop()}.
 *
 * <pre>{@code
 * LocalStack stack = LocalStack.forTests().start();            // or .start(Service.REDIS, Service.MARIADB)
 * DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
 * }</pre>
 *
 * <p>Left to the caller: cleaning data between tests (each start keeps what the last run wrote, except
 * Redis, which never persists) and stopping the servers when they are no longer wanted.
 */
public final class LocalStack {

    /** The servers of the stack. */
    public enum Service {
        REDIS, MARIADB, KAFKA
    }

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    /** Kafka first: its JVM boots slowest and does so while MariaDB initialises. */
    private static final List<Service> LAUNCH_ORDER = List.of(Service.KAFKA, Service.MARIADB, Service.REDIS);

    private final LocalStackConfig config;
    private final Host host;
    private final ServerSupervisor supervisor;

    LocalStack(LocalStackConfig config, Host host) {
        this.config = requireNonNull(config, "config");
        this.host = requireNonNull(host, "host");
        this.supervisor = new ServerSupervisor(new ProcessTable(), config.stopTimeout());
    }

    /** The {@code test} instance (Redis 26379, MariaDB 23306, Kafka 29092) of the current project. */
    public static LocalStack forTests() {
        return create(LocalStackConfig.test());
    }

    /** The {@code dev} instance (Redis 16379, MariaDB 13306, Kafka 19092) of the current project. */
    public static LocalStack forDev() {
        return create(LocalStackConfig.dev());
    }

    /** An instance with its own settings, e.g. other ports derived with {@link LocalStackConfig#toBuilder()}. */
    public static LocalStack create(LocalStackConfig config) {
        return new LocalStack(config, new LinuxHost());
    }

    /** Starts all three servers, or reuses running ones, and returns when all answer. */
    public LocalStack start() {
        return start(Service.values());
    }

    /**
     * Starts the given servers, or reuses running ones, and returns when they answer.
     *
     * @throws LocalStackException if a program is missing and cannot be installed, a port is taken by
     *     another process, or a server does not come up within the start timeout
     */
    public LocalStack start(Service... services) {
        Set<Service> wanted = toSet(services);
        long startNanos = System.nanoTime();
        try (InstanceLock ignored = InstanceLock.acquire(config.dataDir())) {
            List<ManagedServer> servers = LAUNCH_ORDER.stream().filter(wanted::contains).map(this::server).toList();
            Set<Binary> required = EnumSet.noneOf(Binary.class);
            servers.forEach(server -> required.addAll(server.requiredBinaries()));
            Binaries binaries = new PackageInstaller(host, config.dataDir().resolve("install.log")).ensure(required);
            servers.forEach(supervisor::checkPorts);
            List<ServerSupervisor.Pending> pending = new ArrayList<>();
            for (ManagedServer server : servers) {
                pending.add(supervisor.begin(server, binaries));
            }
            for (ServerSupervisor.Pending server : pending) {
                supervisor.await(server, binaries, config.startTimeout());
            }
        }
        log.info("local-stack {} ready with {} in {} ms (data in {})",
                config.instance(), wanted, Deadline.millisSince(startNanos), config.dataDir());
        return this;
    }

    /** Stops every server whose pid file in this instance's data directory names a live process of it. */
    public void stop() {
        try (InstanceLock ignored = InstanceLock.acquire(config.dataDir())) {
            for (Service service : LAUNCH_ORDER) {
                supervisor.stop(server(service));
            }
        }
    }

    /** Where each server stands, without starting or stopping anything. */
    public List<ServiceStatus> status() {
        List<ServiceStatus> status = new ArrayList<>();
        for (Service service : Service.values()) {
            ManagedServer server = server(service);
            status.add(new ServiceStatus(service, server.host(), server.port(),
                    supervisor.ownPid(server), supervisor.state(server)));
        }
        return status;
    }

    public LocalStackConfig config() {
        return config;
    }

    /** E.g. {@code redis://127.0.0.1:26379}. */
    public String redisUri() {
        return "redis://" + redisHost() + ":" + redisPort();
    }

    public String redisHost() {
        return LocalStackConfig.HOST;
    }

    public int redisPort() {
        return config.redisPort();
    }

    /** E.g. {@code jdbc:mysql://127.0.0.1:23306/pushfleet}, for MySQL Connector/J. */
    public String jdbcUrl() {
        return "jdbc:mysql://" + LocalStackConfig.HOST + ":" + config.mariadbPort() + "/" + LocalStackConfig.DB_NAME;
    }

    public String dbUser() {
        return LocalStackConfig.DB_USER;
    }

    /** The local-only default password; the database listens on loopback only. */
    public String dbPassword() {
        return LocalStackConfig.DB_PASSWORD;
    }

    /** E.g. {@code 127.0.0.1:29092}. */
    public String kafkaBootstrap() {
        return LocalStackConfig.HOST + ":" + config.kafkaPort();
    }

    /** {@code <projectRoot>/.local-stack/<instance>}. */
    public Path dataDir() {
        return config.dataDir();
    }

    @Override
    public String toString() {
        return "LocalStack{instance=" + config.instance() + ", dataDir=" + config.dataDir() + "}";
    }

    private ManagedServer server(Service service) {
        Path dir = config.dataDir();
        String address = LocalStackConfig.HOST;
        return switch (service) {
            case REDIS -> new RedisServer(address, config.redisPort(), dir.resolve("redis"));
            case MARIADB -> new MariaDbServer(address, config.mariadbPort(), dir.resolve("mariadb"), host.isRoot(),
                    LocalStackConfig.DB_NAME, LocalStackConfig.DB_USER, LocalStackConfig.DB_PASSWORD);
            case KAFKA -> new KafkaServer(address, config.kafkaPort(), config.kafkaControllerPort(),
                    dir.resolve("kafka"), config.javaExecutable(), config.kafkaLibsDir(), config.kafkaHeapMb(),
                    config.projectRoot());
        };
    }

    private static Set<Service> toSet(Service... services) {
        requireNonNull(services, "services");
        Set<Service> set = EnumSet.noneOf(Service.class);
        for (Service service : services) {
            set.add(requireNonNull(service, "service"));
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("services: [] (expected: at least one of " + List.of(Service.values()) + ")");
        }
        return set;
    }
}
