package io.pushfleet.control.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminKeysTest {

    private final AdminKeys keys = new AdminKeys(List.of("first-key-0123456789", "second-key-0123456789"));

    @ParameterizedTest
    @ValueSource(strings = {"Bearer first-key-0123456789", "Bearer second-key-0123456789",
            "bearer first-key-0123456789", "BEARER  second-key-0123456789 "})
    void acceptsABearerHeaderWithAnyConfiguredKey(String header) {
        assertThat(keys.accepts(header)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer ", "Bearer wrong-key-0123456789", "Bearer first-key-012345678",
            "Bearer first-key-01234567890", "Basic first-key-0123456789", "first-key-0123456789",
            "Bearerfirst-key-0123456789", "Bearer FIRST-KEY-0123456789"})
    void refusesAnythingElse(String header) {
        assertThat(keys.accepts(header)).isFalse();
    }

    @Test
    void needsAtLeastOneKey() {
        assertThatThrownBy(() -> new AdminKeys(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
