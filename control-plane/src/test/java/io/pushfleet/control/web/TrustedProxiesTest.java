package io.pushfleet.control.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", " 192.168.1.7 ", "fd00::/8"));

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ignoresTheHeaderFromAPeerThatIsNotATrustedProxy() {
        assertThat(proxies.clientOf(ip("203.0.113.5"), "198.51.100.1")).isEqualTo(ip("203.0.113.5"));
        assertThat(TrustedProxies.none().clientOf(ip("10.1.1.1"), "198.51.100.1")).isEqualTo(ip("10.1.1.1"));
    }

    @Test
    void takesTheRightMostAddressThatIsNotATrustedProxy() {
        // The client wrote "1.2.3.4" itself; the trusted proxies appended the real one and their own.
        assertThat(proxies.clientOf(ip("10.0.0.1"), "1.2.3.4, 198.51.100.9, 10.2.3.4")).isEqualTo(ip("198.51.100.9"));
        assertThat(proxies.clientOf(ip("fd00::1"), "2001:db8::5")).isEqualTo(ip("2001:db8::5"));
    }

    @Test
    void keepsThePeerWithoutAHeaderAndStopsAtAHopThatIsNoAddress() {
        assertThat(proxies.clientOf(ip("10.0.0.1"), null)).isEqualTo(ip("10.0.0.1"));
        assertThat(proxies.clientOf(ip("10.0.0.1"), "evil.example, 10.9.9.9")).isEqualTo(ip("10.9.9.9"));
        assertThat(proxies.clientOf(ip("10.0.0.1"), "10.9.9.9, 192.168.1.7")).isEqualTo(ip("10.9.9.9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", ""})
    void refusesEntriesThatAreNotAnAddressOrRange(String entry) {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.1", entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("[1]: ");
    }
}
