package io.pushfleet.model.id;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIdGeneratorTest {

    private final Clock frozen = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void handsOutIncreasingUniqueIdsEvenWhenTheClockStandsStill() {
        MessageIdGenerator ids = new MessageIdGenerator(7, frozen);
        long previous = 0;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            long id = ids.next().value();
            assertThat(id).isGreaterThan(previous);
            seen.add(id);
            previous = id;
        }
        assertThat(seen).hasSize(20_000);
    }

    @Test
    void twoWorkersNeverCollide() {
        MessageIdGenerator a = new MessageIdGenerator(1, frozen);
        MessageIdGenerator b = new MessageIdGenerator(2, frozen);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            assertThat(seen.add(a.next().value())).isTrue();
            assertThat(seen.add(b.next().value())).isTrue();
        }
    }

    @Test
    void refusesWorkerIdsOutOfRange() {
        assertThatThrownBy(() -> new MessageIdGenerator(1024, frozen))
                .hasMessageContaining("workerId: 1024 (expected: 0..1023)");
    }
}
