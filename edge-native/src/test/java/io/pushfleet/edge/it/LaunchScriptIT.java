package io.pushfleet.edge.it;

import io.pushfleet.edge.testing.TestRedis;
import io.pushfleet.edge.testing.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The launch script (edge-native/bin/edge): {@code EDGE_JAVA_OPTS_APPEND} adds JVM options to the defaults or to
 * {@code EDGE_JAVA_OPTS}; and its AOT cache (JDK 25+): the first run records it and the JVM writes it at
 * exit, the next start checks it and maps it, and a cache cut short (its recording run killed while writing) is
 * thrown away and recorded again instead of being offered to every later start. Edges started at once wait for the
 * one that checks the cache and all map it; an edge started while another records runs without one.
 */
class LaunchScriptIT {

    private static final Path SCRIPT = Path.of("bin", "edge");
    private static final Path WORK = Path.of("target", "it");

    private static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final TestRedis REDIS = TestRedis.withKeysOf(tokens);

    @BeforeAll
    static void needsThePackagedJar() throws IOException {
        assertThat(Path.of("target", "edge.jar")).as("run after package").exists();
        Files.createDirectories(WORK);
    }

    @Test
    void addsTheAppendedOptionsToTheDefaultsOrToTheOptionsGiven() throws Exception {
        String appended = "-Dpushfleet.appended=yes";
        try (Edge edge = Edge.start(null, "opts-defaults", Map.of("EDGE_JAVA_OPTS_APPEND", appended))) {
            assertThat(edge.jvmArguments()).contains("-XX:+UseSerialGC", "-Xms16m").endsWith(appended);
        }
        try (Edge edge = Edge.start(null, "opts-given",
                Map.of("EDGE_JAVA_OPTS", "-Xmx128m", "EDGE_JAVA_OPTS_APPEND", appended))) {
            assertThat(edge.jvmArguments()).containsExactly("-Xmx128m", appended);
        }
    }

    @Test
    void recordsTheCacheOnceThenEveryStartMapsIt() throws Exception {
        needsJdk25();
        Path aotDir = Files.createTempDirectory(WORK.toAbsolutePath(), "aot-");

        String first = runAndStop(aotDir, "aot-1");
        assertThat(first).contains("this run records one");
        Path recorded = onlyFile(aotDir, ".aot.new");

        try (FileChannel cut = FileChannel.open(recorded, StandardOpenOption.WRITE)) {
            cut.truncate(1_000_000);
        }
        String second = runAndStop(aotDir, "aot-2");
        assertThat(second).contains("discarding the unusable AOT cache").contains("this run records one");
        onlyFile(aotDir, ".aot.new");

        String third = runAndStop(aotDir, "aot-3");
        Path cache = onlyFile(aotDir, ".aot");
        assertThat(third).contains("using the AOT cache " + cache).doesNotContain("records one");
        assertThat(third).as("the JVM mapped the cache").contains("mapped " + cache);
    }

    @Test
    void edgesStartedTogetherWaitForTheCheckAndAllMapTheCache() throws Exception {
        needsJdk25();
        Path aotDir = Files.createTempDirectory(WORK.toAbsolutePath(), "aot-");
        try (Edge recorder = Edge.start(aotDir, "aot-together-0")) {
            recorder.awaitReady();
            try (Edge meanwhile = Edge.start(aotDir, "aot-together-meanwhile")) {
                assertThat(meanwhile.stop()).contains("another edge is recording the AOT cache; starting without one")
                        .doesNotContain("mapped ");
            }
            assertThat(recorder.stop()).contains("this run records one");
        }
        Path recorded = onlyFile(aotDir, ".aot.new");
        Path cache = recorded.resolveSibling(recorded.getFileName().toString().replace(".aot.new", ".aot"));

        List<Edge> together = new ArrayList<>();
        try {
            for (int i = 1; i <= 4; i++) {
                together.add(Edge.start(aotDir, "aot-together-" + i));
            }
            for (Edge edge : together) {
                assertThat(edge.stop()).contains("using the AOT cache " + cache).contains("mapped " + cache);
            }
        } finally {
            together.forEach(Edge::close);
        }
    }

    private static void needsJdk25() {
        assumeThat(Runtime.version().feature()).as("AOT cache output needs JDK 25").isGreaterThanOrEqualTo(25);
    }

    private static String runAndStop(Path aotDir, String nodeId) throws Exception {
        try (Edge edge = Edge.start(aotDir, nodeId)) {
            return edge.stop();
        }
    }

    /** An edge started through its script; {@link #stop} waits until it is ready, stops it with SIGTERM and returns its output. */
    private record Edge(Process process, Path portsFile, Path log) implements AutoCloseable {

        static Edge start(Path aotDir, String nodeId) throws IOException {
            return start(aotDir, nodeId, Map.of());
        }

        /** With {@code aotDir} null, without an AOT cache. */
        static Edge start(Path aotDir, String nodeId, Map<String, String> env) throws IOException {
            Path portsFile = WORK.resolve(nodeId + ".ports");
            Files.deleteIfExists(portsFile);
            Path log = WORK.resolve(nodeId + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(SCRIPT.toString(), "--node-id", nodeId, "--bind-host", "127.0.0.1",
                    "--ws-port", "0", "--tcp-port", "0", "--admin-port", "0", "--redis-uri", REDIS.uri(),
                    "--ports-file", portsFile.toString(), "--shutdown-timeout", "5s", "--drain-timeout", "1s"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("EDGE_"));
            if (aotDir == null) {
                pb.environment().put("EDGE_AOT", "off");
            } else {
                pb.environment().put("EDGE_AOT_DIR", aotDir.toString());
            }
            pb.environment().putAll(env);
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            return new Edge(pb.start(), portsFile, log);
        }

        void awaitReady() {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portsFile) || !process.isAlive());
            assertThat(process.isAlive()).as("edge running; see %s", log).isTrue();
        }

        /** The JVM's options once it is ready: its arguments before {@code -jar}. */
        List<String> jvmArguments() throws IOException {
            awaitReady();
            List<String> arguments = List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                    .split("\0"));
            return arguments.subList(1, arguments.indexOf("-jar"));
        }

        String stop() throws Exception {
            awaitReady();
            String maps = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "maps")).stream()
                    .filter(line -> line.endsWith(".aot")).map(line -> "mapped " + line.substring(line.indexOf('/')))
                    .findFirst().orElse("");
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited; see %s", log).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            return Files.readString(log) + "\n" + maps;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static Path onlyFile(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).as("files ending %s in %s", suffix, dir).hasSize(1);
            return matching.get(0);
        }
    }
}
