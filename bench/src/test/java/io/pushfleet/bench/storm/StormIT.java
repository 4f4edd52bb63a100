package io.pushfleet.bench.storm;

import io.pushfleet.bench.BenchMain;
import io.pushfleet.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The smoke run of {@code bench storm}: real edge processes (from the packaged edge jar, through its launch
 * script) against local-stack's Redis, two worker processes (from the packaged bench jar), a few hundred
 * connections for a few seconds. Proves the tool and its orchestration work end to end: every connection
 * held, no failure, and the figures printed. A short heartbeat (2 s; eviction after 6 s of silence) makes the
 * run exercise the workers' pings, yet tolerates a loaded box.
 */
class StormIT {

    private static final Path ROOT = Path.of(System.getProperty("pushfleet.root", "..")).toAbsolutePath().normalize();
    private static final String BENCH_JAR = System.getProperty("bench.jar", "target/bench.jar");

    private static LocalStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        stack = LocalStack.forTests().start(LocalStack.Service.REDIS);
    }

    private String[] args(String... extra) {
        List<String> args = new ArrayList<>(List.of("storm", "--workers", "2", "--hold", "4s", "--edge-heartbeat", "2s",
                "--redis-uri", stack.redisUri() + "/6", "--edge-script", ROOT.resolve("edge-native/bin/edge").toString(),
                "--edge-java-opts", "-Xms32m -Xmx128m", "--signing-keys", dir.resolve("generated.json").toString(),
                "--run-dir", dir.resolve("runs").toString(), "--worker-classpath", BENCH_JAR,
                "--worker-java-opts", "-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StringWriter err = new StringWriter();
        int code = BenchMain.commandLine(out).setErr(new PrintWriter(err)).execute(args);
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; output:%n%s%nerrors:%n%s", output, err).isEqualTo(expectedExit);
        return output;
    }

    @Test
    void holdsEveryWebSocketConnectionOfASteppedStormOverTwoEdges() {
        String out = run(0, args("--spawn-edges", "2", "--connections", "200", "--steps", "50,200", "--rate", "1000,100"));

        assertThat(out).contains("tokens: MINTED LOCALLY", "login is not measured",
                "200 WS connections in steps [50, 200] at 1,000, 100 connects/s",
                "result: every connection held to the end");
        Matcher second = Pattern.compile("(?m)^200 +150 +[\\d.]+ +(\\d+) ").matcher(out);
        assertThat(second.find()).as("the second step's row in:%n%s", out).isTrue();
        assertThat(Integer.parseInt(second.group(1))).as("the second step's connects a second, paced at 100")
                .isLessThanOrEqualTo(110);
        assertThat(out).contains("heap after GC", "bytes per connection", "connect + auth latency over 200 connections");
    }

    @Test
    void measuresAStepThatDoesNotSettleInTimeAndSkipsTheRest() {
        // 10 connects a second cannot make 50 in 2 s: the first step is cut off, the second never starts.
        String out = run(3, args("--spawn-edges", "1", "--connections", "100", "--steps", "50,100", "--rate", "10",
                "--step-timeout", "2s", "--no-gc"));

        assertThat(out).contains("step 50 did not settle within PT2S (--step-timeout)",
                "measured as it stood, later steps skipped", "result: NOT CLEAN");
        String table = out.substring(out.indexOf("\nheld "), out.indexOf("least-squares"));
        assertThat(table.strip().lines().skip(1)).as("the baseline and the cut-off step, nothing more:%n%s", table)
                .hasSize(2).last().asString().matches("[1-4]?\\d +[1-4]?\\d .*");
    }

    @Test
    void aSignalStopsTheRunWithTheFiguresOfTheStepItStoppedInAndEveryProcessItStarted() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", BENCH_JAR, BenchMain.class.getName()));
        command.addAll(List.of(args("--spawn-edges", "1", "--connections", "1000", "--rate", "20", "--no-gc")));
        Path log = dir.resolve("stopped.log");
        Process bench = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> Pattern.compile("held [1-9]").matcher(Files.readString(log)).find()
                    || !bench.isAlive());
            List<ProcessHandle> started = bench.descendants().toList();
            assertThat(started).as("an edge and two workers").hasSizeGreaterThanOrEqualTo(3);
            bench.destroy();
            assertThat(bench.waitFor(90, TimeUnit.SECONDS)).as("stopped; see %s", log).isTrue();

            String out = Files.readString(log);
            assertThat(out).containsPattern("stopped by a signal \\d+ s into step 1,000: \\d+ held")
                    .contains("the figures above are as far as it got", "result: STOPPED by a signal before the end",
                            "connect + auth latency over");
            String table = out.substring(out.indexOf("\nheld "), out.indexOf("least-squares"));
            assertThat(table.strip().lines().skip(1)).as("the baseline and the stopped step:%n%s", table).hasSize(2)
                    .last().asString().matches("[1-9][\\d,]* +[1-9][\\d,]* .*");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(started).as("every process it started").noneMatch(ProcessHandle::isAlive));
        } finally {
            bench.destroyForcibly();
        }
    }

    @Test
    void holdsEveryTcpConnectionOnEdgesSharingOnePortWithIpv4OnlyJvms() {
        String ipv4 = "-Djava.net.preferIPv4Stack=true";
        String out = run(0, args("--spawn-edges", "2", "--reuse-port", "--transport", "TCP", "--connections", "100",
                "--rate", "0", "--no-gc", "--edge-java-opts-append", ipv4, "--worker-java-opts-append", ipv4));

        assertThat(out).contains("EDGE_JAVA_OPTS_APPEND '" + ipv4 + "'", "-XX:TieredStopAtLevel=1 " + ipv4 + ")");
        assertThat(out).contains("one shared port (SO_REUSEPORT)", "result: every connection held to the end");
        assertThat(out).containsPattern("(?m)^100 +100 ");
    }
}
