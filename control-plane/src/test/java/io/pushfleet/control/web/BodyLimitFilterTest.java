package io.pushfleet.control.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitFilterTest {

    @Test
    void readsTheDeclaredLengthAndTreatsAnUnreadableOneAsTooLarge() {
        assertThat(BodyLimitFilter.declaredLength(null)).isEqualTo(-1);
        assertThat(BodyLimitFilter.declaredLength("65536")).isEqualTo(65536);
        assertThat(BodyLimitFilter.declaredLength(" 12 ")).isEqualTo(12);
        assertThat(BodyLimitFilter.declaredLength("12abc")).isEqualTo(Long.MAX_VALUE);
    }
}
