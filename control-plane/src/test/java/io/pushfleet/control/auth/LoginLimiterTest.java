package io.pushfleet.control.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.web.RateLimitedException;
import io.pushfleet.model.redis.RedisKeys;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginLimiterTest {

    private record Limits(Duration window, int loginPerIp, int loginPerUser, int registerPerIp)
            implements PushConfig.Auth.RateLimit {
    }

    private final InMemoryAttemptCounter counter = new InMemoryAttemptCounter();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LoginLimiter limiter = new LoginLimiter(counter, new Limits(Duration.ofMinutes(1), 3, 2, 1), meters);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private double limited(String action, String by) {
        return meters.counter("pushfleet.auth." + action + ".limited", "by", by).count();
    }

    @Test
    void refusesTheLoginAfterTheLimitFromOneAddressWithTheTimeLeftInTheWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.checkLogin(ip("192.0.2.1"), "user" + i);
        }
        counter.advance(Duration.ofSeconds(20));

        assertThatThrownBy(() -> limiter.checkLogin(ip("192.0.2.1"), "user9"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(40);
                    assertThat(e.getMessage()).contains("from this address");
                });
        assertThatCode(() -> limiter.checkLogin(ip("192.0.2.2"), "user9")).doesNotThrowAnyException();
        assertThat(limited("login", "ip")).isEqualTo(1);
    }

    @Test
    void refusesTheLoginAfterTheLimitForOneUserFromAnyAddressIgnoringCase() {
        limiter.checkLogin(ip("192.0.2.1"), "alice");
        limiter.checkLogin(ip("192.0.2.2"), "Alice");

        assertThatThrownBy(() -> limiter.checkLogin(ip("192.0.2.3"), "ALICE"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.getMessage()).contains("for this user"));
        assertThat(limited("login", "user")).isEqualTo(1);
        assertThat(limited("login", "ip")).isZero();
    }

    @Test
    void doesNotCountAnAttemptRefusedForItsAddressAgainstTheUser() {
        for (int i = 0; i < 3; i++) {
            limiter.checkLogin(ip("192.0.2.1"), "user" + i);
        }
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limiter.checkLogin(ip("192.0.2.1"), "bob")).isInstanceOf(RateLimitedException.class);
        }

        assertThat(counter.count(RedisKeys.rateLimit("login:user", "bob"))).isZero();
        assertThatCode(() -> limiter.checkLogin(ip("192.0.2.9"), "bob")).doesNotThrowAnyException();
    }

    @Test
    void allowsAgainOnceTheWindowHasPassed() {
        limiter.checkRegister(ip("192.0.2.1"));
        assertThatThrownBy(() -> limiter.checkRegister(ip("192.0.2.1"))).isInstanceOf(RateLimitedException.class);

        counter.advance(Duration.ofMinutes(1));

        assertThatCode(() -> limiter.checkRegister(ip("192.0.2.1"))).doesNotThrowAnyException();
        assertThat(limited("register", "ip")).isEqualTo(1);
    }

    @Test
    void countsIpv6ClientsPerSlash64() {
        limiter.checkRegister(ip("2001:db8:1:2:aaaa::1"));

        assertThatThrownBy(() -> limiter.checkRegister(ip("2001:db8:1:2:bbbb::7"))).isInstanceOf(RateLimitedException.class);
        assertThatCode(() -> limiter.checkRegister(ip("2001:db8:1:3::1"))).doesNotThrowAnyException();
        assertThat(LoginLimiter.subject(ip("2001:db8:1:2:aaaa::1"))).isEqualTo("2001:0db8:0001:0002::/64");
    }

    @Test
    void countsNothingForALimitOfZeroOrAnInvalidUsername() {
        LoginLimiter off = new LoginLimiter(counter, new Limits(Duration.ofMinutes(1), 0, 1, 0), meters);
        for (int i = 0; i < 10; i++) {
            off.checkLogin(ip("192.0.2.1"), "not a valid name " + i);
            off.checkRegister(ip("192.0.2.1"));
        }

        assertThat(counter.count(RedisKeys.rateLimit("login:ip", "192.0.2.1"))).isZero();
        assertThat(counter.count(RedisKeys.rateLimit("register:ip", "192.0.2.1"))).isZero();
    }
}
