package io.pushfleet.control.admin;

import io.pushfleet.control.web.AdminRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminKeysTest {

    private final AdminKeys keys = new AdminKeys(List.of("first-key-0123456789", "second-key-0123456789"),
            List.of("reader-key-0123456789"));

    @ParameterizedTest
    @ValueSource(strings = {"Bearer first-key-0123456789", "Bearer second-key-0123456789",
            "bearer first-key-0123456789", "BEARER  second-key-0123456789 "})
    void givesThePushRoleToAPushKeyInABearerHeader(String header) {
        assertThat(keys.roleOf(header)).contains(AdminRole.PUSH);
    }

    @Test
    void givesTheReadRoleToAReadKey() {
        assertThat(keys.roleOf("Bearer reader-key-0123456789")).contains(AdminRole.READ);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer ", "Bearer wrong-key-0123456789", "Bearer first-key-012345678",
            "Bearer first-key-01234567890", "Basic first-key-0123456789", "first-key-0123456789",
            "Bearerfirst-key-0123456789", "Bearer FIRST-KEY-0123456789", "Bearer reader-key-012345678"})
    void refusesAnythingElse(String header) {
        assertThat(keys.roleOf(header)).isEqualTo(Optional.empty());
    }

    @Test
    void needsAtLeastOnePushKey() {
        assertThatThrownBy(() -> new AdminKeys(List.of(), List.of("reader-key-0123456789")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyWithTwoRoles() {
        assertThatThrownBy(() -> new AdminKeys(List.of("first-key-0123456789"), List.of("first-key-0123456789")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one role per key");
    }

    @Test
    void theReadRoleAllowsOnlyReadingAndThePushRoleEverything() {
        assertThat(AdminRole.READ.allows(AdminRole.READ)).isTrue();
        assertThat(AdminRole.READ.allows(AdminRole.PUSH)).isFalse();
        assertThat(AdminRole.PUSH.allows(AdminRole.READ)).isTrue();
        assertThat(AdminRole.PUSH.allows(AdminRole.PUSH)).isTrue();
    }
}
