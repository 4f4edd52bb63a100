package io.pushfleet.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pushfleet.localstack.LocalStackException;
import io.pushfleet.localstack.ServiceStatus.State;
import io.pushfleet.localstack.install.Binaries;
import io.pushfleet.localstack.install.Binary;
import io.pushfleet.localstack.process.ProcessTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSupervisorTest {

    private static final Binaries BINARIES = new Binaries(Map.of(Binary.SETSID, Path.of("/usr/bin/setsid")));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final ProcessTable processes = new ProcessTable();
    private final ServerSupervisor supervisor = new ServerSupervisor(processes, Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    private FakeServer server;

    @AfterEach
    void stopLeftovers() {
        if (server != null) {
            supervisor.stop(server);
        }
    }

    @Test
    void launchesDetachedThenReusesTheRunningProcess() throws IOException {
        server = FakeServer.sleeping(freePort(), tmp.resolve("fake"));
        server.answering.set(true);

        ServerSupervisor.Pending first = supervisor.begin(server, BINARIES);
        supervisor.await(first, BINARIES, START_TIMEOUT);
        ServerSupervisor.Pending second = supervisor.begin(server, BINARIES);

        assertThat(first.reused()).isFalse();
        assertThat(server.pidFile().read()).hasValue(first.pid());
        // "setsid sleep ..." until setsid has exec'd, then "sleep ...": the same pid either way. Read during
        // the exec itself, /proc shows a half-rewritten line, so wait for it to settle.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(processes.commandLine(first.pid()))
                .hasValueSatisfying(line -> assertThat(line).endsWith(String.join(" ", server.command(BINARIES)))));
        assertThat(second.reused()).isTrue();
        assertThat(second.pid()).isEqualTo(first.pid());
        assertThat(supervisor.state(server)).isEqualTo(State.UP);
    }

    @Test
    void stopEndsTheProcessAndRemovesThePidFile() throws IOException {
        server = FakeServer.sleeping(freePort(), tmp.resolve("fake"));
        long pid = supervisor.begin(server, BINARIES).pid();

        boolean stopped = supervisor.stop(server);

        assertThat(stopped).isTrue();
        assertThat(processes.isRunning(pid)).isFalse();
        assertThat(server.pidFile().path()).doesNotExist();
        assertThat(supervisor.state(server)).isEqualTo(State.DOWN);
    }

    @Test
    void failsClearlyWhenThePortIsTakenByAnotherProcess() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            server = FakeServer.sleeping(other.getLocalPort(), tmp.resolve("fake"));

            assertThatThrownBy(() -> supervisor.begin(server, BINARIES))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessage("fake port " + other.getLocalPort() + " on 127.0.0.1 is in use by another process"
                            + " (set a different port or stop it)");
            assertThat(supervisor.state(server)).isEqualTo(State.PORT_TAKEN);
        }
    }

    @Test
    void pidFileNamingADeadProcessIsDroppedAndANewServerLaunched() throws Exception {
        server = FakeServer.sleeping(freePort(), tmp.resolve("fake"));
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        server.pidFile().write(finished.pid());

        ServerSupervisor.Pending pending = supervisor.begin(server, BINARIES);

        assertThat(pending.reused()).isFalse();
        assertThat(pending.pid()).isNotEqualTo(finished.pid());
    }

    @Test
    void pidFileNamingSomeoneElsesProcessIsNeitherReusedNorKilled() throws IOException {
        server = FakeServer.sleeping(freePort(), tmp.resolve("fake"));
        long self = ProcessHandle.current().pid();
        server.pidFile().write(self);

        boolean stopped = supervisor.stop(server);

        assertThat(stopped).isFalse();
        assertThat(processes.isRunning(self)).isTrue();
        assertThat(server.pidFile().path()).doesNotExist();
    }

    @Test
    void processOfTheRightKindRunningElsewhereIsNotOurs() throws IOException {
        server = FakeServer.sleeping(freePort(), tmp.resolve("fake"));
        long pid = supervisor.begin(server, BINARIES).pid();
        FakeServer sameCommandOtherDirectory =
                new FakeServer(server.port(), tmp.resolve("other"), server.command(BINARIES));
        sameCommandOtherDirectory.pidFile().write(pid);

        assertThat(supervisor.ownPid(sameCommandOtherDirectory)).isEmpty();
        assertThat(supervisor.ownPid(server)).hasValue(pid);
    }

    @Test
    void reportsTheLogTailWhenTheServerExitsWhileStarting() throws IOException {
        server = new FakeServer(freePort(), tmp.resolve("fake"), List.of("sh", "-c", "echo no config found; exit 3"));
        ServerSupervisor.Pending pending = supervisor.begin(server, BINARIES);

        assertThatThrownBy(() -> supervisor.await(pending, BINARIES, START_TIMEOUT))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("fake (pid " + pending.pid() + ") exited while starting; last lines of ")
                .hasMessageEndingWith("no config found");
        assertThat(server.pidFile().path()).doesNotExist();
    }

    @Test
    void givesUpAndStopsAServerThatDoesNotAnswerInTime() throws IOException {
        server = FakeServer.sleeping(freePort(), tmp.resolve("fake"));
        ServerSupervisor.Pending pending = supervisor.begin(server, BINARIES);

        assertThatThrownBy(() -> supervisor.await(pending, BINARIES, Duration.ofMillis(300)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageStartingWith("fake (pid " + pending.pid() + ") did not answer on 127.0.0.1:"
                        + server.port() + " within PT0.3S");
        assertThat(processes.isRunning(pending.pid())).isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
