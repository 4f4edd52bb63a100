package io.pushfleet.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {

    @TempDir
    Path tmp;

    @Test
    void seesThisJvmRunningWithItsCommandLine() {
        long self = ProcessHandle.current().pid();
        ProcessTable table = new ProcessTable();

        assertThat(table.isRunning(self)).isTrue();
        assertThat(table.commandLine(self)).hasValueSatisfying(line -> assertThat(line).contains("java"));
    }

    @Test
    void zombieCountsAsNotRunning() throws IOException {
        Path proc = fakeProc("1234", "1234 (redis-server) Z 1 1234 1234 0 -1 4227084");

        assertThat(new ProcessTable(proc).isRunning(1234)).isFalse();
    }

    @Test
    void readsTheStateAfterACommandNameWithParentheses() throws IOException {
        Path proc = fakeProc("77", "77 (odd) name) S 1 77 77 0 -1 4227084");

        assertThat(new ProcessTable(proc).isRunning(77)).isTrue();
    }

    @Test
    void missingProcessIsNotRunningAndHasNoCommandLine() throws IOException {
        Path proc = fakeProc("1", "1 (init) S 0 1 1");

        assertThat(new ProcessTable(proc).isRunning(999_999)).isFalse();
        assertThat(new ProcessTable(proc).commandLine(999_999)).isEmpty();
        assertThat(new ProcessTable(proc).isRunning(0)).isFalse();
    }

    @Test
    void terminateEndsAProcessWithSigterm() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        ProcessTable table = new ProcessTable();

        boolean gone = table.terminate(sleeper.pid(), Duration.ofSeconds(10));

        assertThat(gone).isTrue();
        assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(table.terminate(sleeper.pid(), Duration.ofSeconds(1))).isTrue();
    }

    private Path fakeProc(String pid, String stat) throws IOException {
        Path proc = tmp.resolve("proc");
        Files.createDirectories(proc.resolve("self"));
        Path dir = Files.createDirectories(proc.resolve(pid));
        Files.writeString(dir.resolve("stat"), stat + "\n");
        return proc;
    }
}
