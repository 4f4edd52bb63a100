package io.pushfleet.edge.pipeline;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectLimiterTest {

    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);
    private final ConnectLimiter limiter = new ConnectLimiter(10, 3, nanos::get, 42);

    private static InetSocketAddress from(String ip) {
        return new InetSocketAddress(ip, 40000);
    }

    private int admitted(String ip, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            admitted += limiter.tryAcquire(from(ip)) ? 1 : 0;
        }
        return admitted;
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void admitsABurstThenRefusesUntilTheRateRefillsIt() {
        assertThat(admitted("192.0.2.1", 10)).isEqualTo(3);

        advanceMillis(99);
        assertThat(admitted("192.0.2.1", 1)).isZero();
        advanceMillis(1);
        assertThat(admitted("192.0.2.1", 5)).isEqualTo(1);

        advanceMillis(10_000);
        assertThat(admitted("192.0.2.1", 10)).isEqualTo(3);
    }

    @Test
    void holdsTheAverageRateUnderASteadyFlood() {
        int admitted = 0;
        for (int ms = 0; ms < 10_000; ms++) {
            admitted += admitted("192.0.2.1", 2);
            advanceMillis(1);
        }

        // 10 per second for 10 seconds, plus the burst.
        assertThat(admitted).isBetween(100, 103);
    }

    @Test
    void countsEachAddressOnItsOwn() {
        assertThat(admitted("192.0.2.1", 5)).isEqualTo(3);

        assertThat(admitted("192.0.2.2", 5)).isEqualTo(3);
        assertThat(admitted("198.51.100.7", 5)).isEqualTo(3);
    }

    @Test
    void countsIpv6AddressesPerSlash64() {
        assertThat(admitted("2001:db8:1:2::1", 2)).isEqualTo(2);

        assertThat(admitted("2001:db8:1:2:ffff::9", 5)).isEqualTo(1);
        assertThat(admitted("2001:db8:1:3::1", 5)).isEqualTo(3);
    }

    @Test
    void admitsEverythingWhenTheRateIsZero() {
        ConnectLimiter off = new ConnectLimiter(0, 1, nanos::get, 42);

        for (int i = 0; i < 1000; i++) {
            assertThat(off.tryAcquire(from("192.0.2.1"))).isTrue();
        }
    }

    @Test
    void suggestsRetryingAfterOneIntervalRoundedUpToASecond() {
        assertThat(limiter.retryAfterSeconds()).isEqualTo(1);
    }
}
