package io.pushfleet.localstack.server;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.LocalStackException;
import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import io.pushfleet.localstack.process.CommandRunner;
import io.pushfleet.localstack.process.Directories;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one JVM), run from the jars
 * the build copies to {@code local-stack/target/kafka-libs}, with a small heap and quiet logging.
 *
 * <p>Storage is formatted once with {@code kafka.tools.StorageTool format --standalone} (a dynamic
 * quorum of this one controller); the broker counts as ready once it logs {@value #STARTED}.
 */
public final class KafkaServer extends AbstractManagedServer {

    static final String STARTED = "Kafka Server started";
    private static final String MARKER_PROPERTY = "-Dpushfleet.localstack.kafka=";
    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
    private static final short API_VERSIONS_KEY = 18;

    private final int controllerPort;
    private final Path javaExecutable;
    private final Path libsDir;
    private final int heapMb;
    private final Path projectRoot;

    public KafkaServer(String host, int port, int controllerPort, Path directory,
                       Path javaExecutable, Path libsDir, int heapMb, Path projectRoot) {
        super("kafka", host, port, directory);
        this.controllerPort = controllerPort;
        this.javaExecutable = requireNonNull(javaExecutable, "javaExecutable");
        this.libsDir = requireNonNull(libsDir, "libsDir");
        this.heapMb = heapMb;
        this.projectRoot = requireNonNull(projectRoot, "projectRoot");
    }

    @Override
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kafka", port);
        ports.put("kafka controller", controllerPort);
        return ports;
    }

    private Path dataDir() {
        return directory.resolve("data");
    }

    private Path configFile() {
        return directory.resolve("server.properties");
    }

    private Path log4jConfig() {
        return directory.resolve("log4j2.xml");
    }

    @Override
    public Set<Binary> requiredBinaries() {
        return EnumSet.of(Binary.SETSID);
    }

    @Override
    public boolean isServerCommandLine(String commandLine) {
        return commandLine.contains("kafka.Kafka");
    }

    @Override
    public boolean usesConfiguredPorts(String commandLine) {
        return List.of(commandLine.split(" ")).contains(MARKER_PROPERTY + host + ":" + port + "," + controllerPort);
    }

    @Override
    public Optional<String> readyLogLine() {
        return Optional.of(STARTED);
    }

    @Override
    public boolean answers() {
        // ApiVersions v0 (request header v1, empty body): any broker answers it, if only with an error code.
        byte[] clientId = "local-stack".getBytes(StandardCharsets.US_ASCII);
        int correlationId = 0x5046;
        ByteBuffer request = ByteBuffer.allocate(4 + 2 + 2 + 4 + 2 + clientId.length);
        request.putInt(request.capacity() - 4).putShort(API_VERSIONS_KEY).putShort((short) 0)
                .putInt(correlationId).putShort((short) clientId.length).put(clientId);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(request.array());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            return size >= 4 && in.readInt() == correlationId;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void prepare(Binaries binaries) {
        requireLibs();
        try {
            Files.createDirectories(directory);
            try (InputStream in = KafkaServer.class.getResourceAsStream("kafka-log4j2.xml")) {
                if (in == null) {
                    throw new IllegalStateException("resource kafka-log4j2.xml missing from the local-stack jar");
                }
                Files.write(log4jConfig(), in.readAllBytes());
            }
            Files.writeString(configFile(), KafkaProperties.combinedNode(host, port, controllerPort, dataDir()));
            if (!Files.exists(dataDir().resolve("meta.properties"))) {
                Directories.deleteRecursively(dataDir());
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kafka: cannot prepare " + directory, e);
        }
    }

    private void format() {
        List<String> command = new ArrayList<>(jvm(256));
        command.addAll(List.of("kafka.tools.StorageTool", "format",
                "--cluster-id", newClusterId(),
                "--standalone",
                "--config", configFile().toString()));
        CommandRunner.run("kafka storage format", command, Map.of(), logFile(), FORMAT_TIMEOUT);
    }

    @Override
    public List<String> command(Binaries binaries) {
        List<String> command = new ArrayList<>(jvm(heapMb));
        command.add(2, MARKER_PROPERTY + host + ":" + port + "," + controllerPort);
        command.addAll(List.of("kafka.Kafka", configFile().toString()));
        return command;
    }

    private List<String> jvm(int maxHeapMb) {
        List<String> command = new ArrayList<>(List.of(javaExecutable.toString(),
                "-Xms64m",
                "-Xmx" + maxHeapMb + "m",
                // One GC thread and little overhead: the broker shares two cores with everything else.
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig()));
        if (isThisJvm() && Runtime.version().feature() >= 23) {
            // Kafka unmaps buffers through sun.misc.Unsafe, which JDK 24+ warns about on stderr.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", libsDir.resolve("*").toString()));
        return command;
    }

    private boolean isThisJvm() {
        return javaExecutable.equals(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private void requireLibs() {
        boolean present;
        try (Stream<Path> jars = Files.isDirectory(libsDir) ? Files.list(libsDir) : Stream.empty()) {
            present = jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            throw new LocalStackException("kafka: broker jars not found in " + libsDir
                    + " (expected: copied there by the build; run ./mvnw -B -q -pl local-stack -am package"
                    + " -DskipTests in " + projectRoot + ")");
        }
    }

    /** A Kafka cluster id: 16 random bytes in URL-safe base64; one starting with '-' would read as an option. */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
