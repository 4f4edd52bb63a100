package io.pushfleet.bench.client;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCommandTest {

    @Test
    void exitsWithAUsageErrorWithoutAUser() {
        CommandLine cli = new CommandLine(new ClientCommand());
        cli.setErr(new java.io.PrintWriter(new ByteArrayOutputStream()));

        assertThat(cli.execute("--password", "x")).isEqualTo(2);
    }

    @Test
    void exitsWithAUsageErrorForAnUnknownTransport() {
        CommandLine cli = new CommandLine(new ClientCommand());
        cli.setErr(new java.io.PrintWriter(new ByteArrayOutputStream()));

        assertThat(cli.execute("--user", "a", "--password", "x", "--transport", "PIGEON")).isEqualTo(2);
    }

    @Test
    void reportsAnUnreachableControlPlaneAndExitsWithOne() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new CommandLine(new ClientCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute("--control-plane", "http://127.0.0.1:" + closedPort, "--user", "alice", "--password", "pw-12345678");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("control plane unreachable at http://127.0.0.1:" + closedPort);
    }
}
