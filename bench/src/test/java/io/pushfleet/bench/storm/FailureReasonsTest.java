package io.pushfleet.bench.storm;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FailureReasonsTest {

    @Test
    void namesTheEdgesCloseCodes() {
        assertThat(FailureReasons.closeCode(4002)).isEqualTo("close 4002 auth_failed");
        assertThat(FailureReasons.closeCode(1006)).isEqualTo("close 1006");
    }

    @Test
    void keepsTheKernelsWordsOfAConnectFailureWithoutTheAddress() {
        assertThat(FailureReasons.of(new ConnectException("finishConnect(..) failed: Connection refused: /127.0.0.1:9181")))
                .isEqualTo("connect: Connection refused");
        assertThat(FailureReasons.of(new ConnectException("connect(..) failed: Cannot assign requested address")))
                .isEqualTo("connect: Cannot assign requested address");
    }

    @Test
    void tellsTimeoutsAndResetsApart() {
        assertThat(FailureReasons.of(new ConnectTimeoutException("connection timed out: /127.0.0.1:9181")))
                .isEqualTo("connect timeout");
        assertThat(FailureReasons.of(new IllegalStateException("x"))).isEqualTo("IllegalStateException");
    }

    @Test
    void namesAResetByItsErrno() {
        // Netty's errno constants come from its native library, which epoll loads.
        assumeTrue(Epoll.isAvailable(), "epoll native library");
        assertThat(FailureReasons.of(new Errors.NativeIoException("recvAddress", Errors.ERRNO_ECONNRESET_NEGATIVE)))
                .isEqualTo("reset");
    }
}
