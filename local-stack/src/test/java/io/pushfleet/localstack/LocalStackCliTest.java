package io.pushfleet.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalStackCliTest {

    @Test
    void exitsWithOneAndSaysWhyForAnUnknownInstance() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = LocalStackCli.execute("status", "--instance", "prod");
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("local-stack: instance: prod (expected: dev or test)");
    }

    @Test
    void exitsWithTwoWithoutACommand() {
        PrintStream original = System.err;
        int exit;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            exit = LocalStackCli.execute();
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
    }
}
