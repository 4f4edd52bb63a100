package io.pushfleet.control.health;

import io.pushfleet.control.uplink.KafkaClients;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthCheckTest {

    @Test
    void isDownWithinItsTimeoutWhenNoBrokerAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaHealthCheck check = new KafkaHealthCheck(new KafkaClients("127.0.0.1:" + closedPort), Duration.ofMillis(500));
        long start = System.nanoTime();
        try {
            HealthCheckResponse response = check.call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getName()).isEqualTo("kafka");
            assertThat(response.getData().orElseThrow()).containsEntry("bootstrap", "127.0.0.1:" + closedPort);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            check.close();
        }
    }
}
