package io.pushfleet.control.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdsTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void takesTheTraceIdOfAValidVersion00Header() {
        assertThat(TraceIds.fromTraceparent("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).contains(TRACE_ID);
    }

    @Test
    void readsAFutureVersionByItsFirstFourFields() {
        assertThat(TraceIds.fromTraceparent("01-" + TRACE_ID + "-00f067aa0ba902b7-01-what-comes-next")).contains(TRACE_ID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case is not allowed
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff is invalid
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", // version 00 has exactly 4 fields
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-011", // trace id one digit short
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong separators
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g", // flags not hex
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", // future version, no dash after flags
    })
    void ignoresMalformedHeaders(String header) {
        assertThat(TraceIds.fromTraceparent(header)).isEmpty();
    }

    @Test
    void generatesDistinctLowercaseHexIdsThatAValidHeaderWouldCarry() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = TraceIds.generate();
            assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
            assertThat(TraceIds.fromTraceparent("00-" + id + "-00f067aa0ba902b7-01")).contains(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void fallsBackToAFreshIdForARequestWithoutAValidHeader() {
        assertThat(TraceIds.forRequest("garbage")).matches("[0-9a-f]{32}");
        assertThat(TraceIds.forRequest("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).isEqualTo(TRACE_ID);
    }
}
