package io.pushfleet.control.auth;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "Alice.B_c-9", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsUsernamesOfAllowedCharactersAndLength(String username) {
        assertThat(CredentialRules.requireValidUsername(username)).isEqualTo(username);
        assertThat(CredentialRules.isValidUsername(username)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ab", "abcdefghijklmnopqrstuvwxyz0123456", "has space", "semi;colon", "émile", "tab\tname",
            "colon:name"})
    void refusesOtherUsernamesWithInvalidUsername(String username) {
        assertThatThrownBy(() -> CredentialRules.requireValidUsername(username))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_USERNAME));
        assertThat(CredentialRules.isValidUsername(username)).isFalse();
    }

    @Test
    void namesTheOffendingCharacterWithoutEchoingControlCharacters() {
        assertThatThrownBy(() -> CredentialRules.requireValidUsername("ab\u0000cd"))
                .hasMessage("username: character U+0000 at 2 (expected: [a-zA-Z0-9._-])");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse", "Tr0ub4dor&3", "пароль-надёжный", "12345678x"})
    void acceptsPasswordsThatMeetTheRules(String password) {
        assertThat(CredentialRules.requireValidPassword(password, "alice")).isEqualTo(password);
    }

    @Test
    void countsPasswordLengthInCharactersNotUtf16Units() {
        String sevenEmoji = "😀😁😂🤣😃😄😅"; // 7 characters, 14 UTF-16 units
        assertThatThrownBy(() -> CredentialRules.requireValidPassword(sevenEmoji, "alice"))
                .hasMessageContaining("length 7");
        assertThat(CredentialRules.requireValidPassword(sevenEmoji + "😆", "alice")).isNotNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"short1", "aaaaaaaaaaaa", "abababab", "my-alice-pass", "MYALICEPASS1", "with\nnewline"})
    void refusesOtherPasswordsWithWeakPassword(String password) {
        assertThatThrownBy(() -> CredentialRules.requireValidPassword(password, "alice"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.WEAK_PASSWORD));
    }

    @Test
    void refusesPasswordsLongerThan128Characters() {
        String longest = "abcd".repeat(32);
        assertThat(CredentialRules.requireValidPassword(longest, "alice")).hasSize(128);
        assertThatThrownBy(() -> CredentialRules.requireValidPassword(longest + "e", "alice"))
                .hasMessage("password: length 129 (expected: 8..128)");
    }
}
