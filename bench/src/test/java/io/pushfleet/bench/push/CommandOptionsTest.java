package io.pushfleet.bench.push;

import io.pushfleet.bench.BenchMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options end with a usage error (exit 2) naming every problem, before anything connects. */
class CommandOptionsTest {

    private final StringWriter err = new StringWriter();

    @Test
    void batchRefusesMoreClientsThanTargets() {
        assertThat(run("push", "batch", "--clients", "20", "--targets", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("--targets: 10 (expected: --clients (20)..1000000)");
    }

    @Test
    void batchNamesEveryProblemAtOnce() {
        assertThat(run("push", "batch", "--clients", "0", "--runs", "0", "--io-threads", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--io-threads: 0").contains("--clients: 0").contains("--runs: 0");
    }

    @Test
    void p2pRefusesARateTheEdgeWouldCloseClientsFor() {
        assertThat(run("push", "p2p", "--rate", "30")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate: 30.0 (expected: > 0 and <= 20");
    }

    @Test
    void broadcastRefusesABodyOverTheFrameLimit() {
        assertThat(run("push", "broadcast", "--body-bytes", "65536")).isEqualTo(2);
        assertThat(err.toString()).contains("--body-bytes: 65536 (expected: 64..60000)");
    }

    @Test
    void refreshNamesEveryProblemBeforeItLooksForTheControlPlane() {
        assertThat(run("auth", "refresh", "--requests", "0", "--concurrency", "0", "--warmup", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--requests: 0 (expected: >= 1)", "--concurrency: 0 (expected: >= 1)",
                "--warmup: -1 (expected: >= 0)");
    }

    @Test
    void refusesADurationWithoutAUnit() {
        assertThat(run("push", "p2p", "--duration", "20")).isEqualTo(2);
        assertThat(err.toString()).contains("20 (expected: a duration such as 250ms, 20s, 2m or PT20S)");
    }

    @Test
    void acceptsDurationsInEveryDocumentedForm() {
        DurationConverter c = new DurationConverter();

        assertThat(c.convert("250ms").toMillis()).isEqualTo(250);
        assertThat(c.convert("20s").toSeconds()).isEqualTo(20);
        assertThat(c.convert("2m").toSeconds()).isEqualTo(120);
        assertThat(c.convert("PT20S").toSeconds()).isEqualTo(20);
    }

    private int run(String... args) {
        CommandLine cli = BenchMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }
}
