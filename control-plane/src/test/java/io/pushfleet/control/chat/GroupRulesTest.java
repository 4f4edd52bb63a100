package io.pushfleet.control.chat;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupRulesTest {

    @Test
    void acceptsNamesOfOneTo64CodePointsIncludingAstralOnes() {
        assertThat(GroupRules.requireValidName("a")).isEqualTo("a");
        String emoji = "\uD83D\uDE00".repeat(64);
        assertThat(GroupRules.requireValidName(emoji)).isEqualTo(emoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\there", "bell\u0007"})
    void refusesBlankOrControlCharacterNames(String name) {
        assertThatThrownBy(() -> GroupRules.requireValidName(name)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).errorCode()).isEqualTo(ErrorCode.INVALID_GROUP_NAME);
    }

    @Test
    void collapsesDuplicateIdsAndKeepsRequestOrder() {
        assertThat(GroupRules.requireUserIds("members", List.of(3L, 1L, 3L), 10))
                .containsExactly(new UserId(3), new UserId(1));
    }

    @Test
    void countsEntriesNotDistinctIdsAgainstTheLimit() {
        assertThatThrownBy(() -> GroupRules.requireUserIds("members", List.of(1L, 1L, 1L), 2))
                .extracting(e -> ((ApiException) e).errorCode()).isEqualTo(ErrorCode.TOO_MANY_MEMBERS);
    }

    @Test
    void refusesNullEntries() {
        assertThatThrownBy(() -> GroupRules.requireUserIds("members", Arrays.asList(1L, null), 5))
                .extracting(e -> ((ApiException) e).errorCode()).isEqualTo(ErrorCode.INVALID_USER_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "99999999999999999999", ""})
    void refusesGroupIdsThatAreNotPositiveLongs(String text) {
        assertThatThrownBy(() -> GroupRules.parseGroupId(text))
                .extracting(e -> ((ApiException) e).errorCode()).isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void parsesAGroupId() {
        assertThat(GroupRules.parseGroupId("17")).isEqualTo(new GroupId(17));
    }
}
