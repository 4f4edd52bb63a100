package io.pushfleet.control.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DbTimeTest {

    @Test
    void writesUtcTextWithMicroseconds() {
        assertThat(DbTime.text(Instant.parse("2026-11-25T01:55:56.123456789Z"))).isEqualTo("2026-11-25 01:55:56.123456");
    }
}
