package io.pushfleet.bench.storm;

import io.pushfleet.bench.BenchMain;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class StormCommandTest {

    private static StormCommand parse(String... args) {
        StormCommand command = new StormCommand();
        new picocli.CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsToOneWorkerPer15000Connections() {
        assertThat(parse("--connections", "100000").workerCount()).isEqualTo(7);
        assertThat(parse("--connections", "300").workerCount()).isEqualTo(1);
        assertThat(parse("--connections", "300", "--workers", "2").workerCount()).isEqualTo(2);
    }

    @Test
    void givesWorkersTheEdgeMemoryOptionsTheirJdkKnows() {
        assertThat(StormCommand.defaultWorkerJavaOpts(21))
                .contains("-XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=40", "-XX:TieredStopAtLevel=1",
                        "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000")
                .doesNotContain("UseCompactObjectHeaders");
        assertThat(StormCommand.defaultWorkerJavaOpts(25))
                .contains("-XX:TrimNativeHeapInterval=5000", "-XX:+UseCompactObjectHeaders")
                .doesNotContain("Unlock");
        assertThat(parse().workerJavaOpts).isEqualTo(StormCommand.defaultWorkerJavaOpts(Runtime.version().feature()));
        assertThat(parse("--worker-java-opts", "-Xmx1g").workerJavaOpts).isEqualTo("-Xmx1g");
    }

    @Test
    void appendsWorkerOptionsToTheDefaultsOrToTheOptionsGiven() {
        assertThat(parse("--worker-java-opts-append", "-Xmn4m -Da=b").workerJvmOptions())
                .startsWith(StormCommand.defaultWorkerJavaOpts(Runtime.version().feature()).split(" "))
                .endsWith("-Xmn4m", "-Da=b");
        assertThat(parse("--worker-java-opts", " -Xmx1g ", "--worker-java-opts-append", "-Xmn4m").workerJvmOptions())
                .containsExactly("-Xmx1g", "-Xmn4m");
        assertThat(parse("--worker-java-opts", "-Xmx1g").workerJvmOptions()).containsExactly("-Xmx1g");
        assertThat(parse("--edge-java-opts-append", "-Xmn8m").edgeJavaOptsAppend).isEqualTo("-Xmn8m");
    }

    @Test
    void stepsMustRiseToTheConnections() {
        assertThat(parse("--connections", "19000", "--steps", "1000,5000,10000,19000").problems()).isEmpty();
        assertThat(parse("--connections", "19000", "--steps", "5000,1000,19000").problems())
                .containsExactly("--steps: [5000, 1000, 19000] (expected: increasing, from 1)");
        assertThat(parse("--connections", "19000", "--steps", "1000,5000").problems())
                .containsExactly("--steps: last 5000 (expected: --connections 19000)");
    }

    @Test
    void takesOneRateForEveryStepOrOnePerStep() {
        StormCommand one = parse("--connections", "19000", "--steps", "5000,19000", "--rate", "900");
        assertThat(one.problems()).isEmpty();
        assertThat(one.rate(0)).isEqualTo(900);
        assertThat(one.rate(1)).isEqualTo(900);
        assertThat(one.ratesText()).isEqualTo("900 connects/s");
        StormCommand each = parse("--connections", "19000", "--steps", "5000,19000", "--rate", "1500,300");
        assertThat(each.problems()).isEmpty();
        assertThat(each.rate(0)).isEqualTo(1500);
        assertThat(each.rate(1)).isEqualTo(300);
        assertThat(each.ratesText()).isEqualTo("1,500, 300 connects/s");
        assertThat(parse("--rate", "0").ratesText()).isEqualTo("unpaced");
        assertThat(parse("--connections", "19000", "--steps", "1000,5000,19000", "--rate", "900,300").problems())
                .containsExactly("--rate: 2 values for 3 steps (expected: one, or one per step)");
    }

    @Test
    void namesEveryBadOption() {
        assertThat(parse("--connections", "0", "--rate", "-1", "--reuse-port", "--worker-io-threads", "0").problems())
                .contains("--connections: 0 (expected: 1..2000000)", "--rate: [-1.0] (expected: >= 0)",
                        "--worker-io-threads: 0 (expected: 1..16)", "--reuse-port: only with --spawn-edges");
    }

    @Test
    void moreThanAFreshBlockOfUsersNeedsAFirstUserId() {
        assertThat(parse("--connections", "1020600").problems())
                .containsExactly("--connections: 1020600 need --first-user-id (a fresh block from the clock has 1000000 ids)");
        assertThat(parse("--connections", "1020600", "--first-user-id", "900000000001").problems()).isEmpty();
        assertThat(parse("--connections", "1000000").problems()).isEmpty();
    }

    @Test
    void tooFewWorkersForTheConnectionsIsAUsageErrorBeforeAnythingStarts() {
        assertThat(parse("--connections", "1020600", "--first-user-id", "900000000001", "--workers", "53").problems())
                .containsExactly("--workers: 53 for 1020600 connections is 19257 sockets per worker (expected: <= 19000; "
                        + "add workers)");
        assertThat(parse("--connections", "1020600", "--first-user-id", "900000000001", "--workers", "54").problems())
                .isEmpty();
    }

    @Test
    void aBadOptionIsAUsageErrorWithExitCode2() {
        StringWriter err = new StringWriter();
        int code = BenchMain.commandLine().setErr(new PrintWriter(err)).execute("storm", "--connections", "-5");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--connections: -5 (expected: 1..2000000)");
    }
}
