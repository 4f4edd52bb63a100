package io.pushfleet.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsAndLockTest {

    @TempDir
    Path tmp;

    @Test
    void portHeldByAListenerIsNotFreeUntilItCloses() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();

            assertThat(Ports.isFree("127.0.0.1", port)).isFalse();
        }
        assertThat(Ports.isFree("127.0.0.1", port)).isTrue();
    }

    @Test
    void secondHolderWaitsUntilTheFirstReleasesTheInstanceLock() throws Exception {
        AtomicBoolean secondAcquired = new AtomicBoolean();
        CountDownLatch secondTrying = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (InstanceLock first = InstanceLock.acquire(tmp)) {
            second = CompletableFuture.runAsync(() -> {
                secondTrying.countDown();
                try (InstanceLock ignored = InstanceLock.acquire(tmp)) {
                    secondAcquired.set(true);
                }
            });
            assertThat(secondTrying.await(5, TimeUnit.SECONDS)).isTrue();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilFalse(secondAcquired);
        }
        second.get(5, TimeUnit.SECONDS);

        assertThat(secondAcquired).isTrue();
        assertThat(tmp.resolve(".lock")).exists();
    }

    @Test
    void nestedUseOnOneThreadDoesNotDeadlock() {
        try (InstanceLock outer = InstanceLock.acquire(tmp); InstanceLock inner = InstanceLock.acquire(tmp)) {
            assertThat(inner).isNotSameAs(outer);
        }
    }
}
