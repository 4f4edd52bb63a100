package io.pushfleet.edge.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamReaderTest {

    @Test
    void readsTheAppendTimeFromAnEntryId() {
        assertThat(StreamReader.appendedAtMillis("1764000000123-7")).isEqualTo(1_764_000_000_123L);
        assertThat(StreamReader.appendedAtMillis("1764000000123")).isEqualTo(1_764_000_000_123L);
    }
}
