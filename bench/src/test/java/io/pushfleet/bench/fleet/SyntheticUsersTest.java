package io.pushfleet.bench.fleet;

import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticUsersTest {

    @Test
    void takesOneBlockOfAMillionIdsPerSecondFromTheBase() {
        SyntheticUsers users = SyntheticUsers.forTime(Instant.ofEpochSecond(1_000_003), 100_000);

        assertThat(users.first()).isEqualTo(50_000_001L + 3L * 1_000_000);
        assertThat(users.user(0)).isEqualTo(new UserId(53_000_001L));
        assertThat(users.last()).isEqualTo(53_100_000L);
    }

    @Test
    void neighbouringSecondsGiveBlocksThatDoNotOverlap() {
        SyntheticUsers a = SyntheticUsers.forTime(Instant.ofEpochSecond(42), SyntheticUsers.BLOCK);
        SyntheticUsers b = SyntheticUsers.forTime(Instant.ofEpochSecond(43), SyntheticUsers.BLOCK);

        assertThat(a.last()).isLessThan(b.first());
    }

    @Test
    void refusesAnIndexOutsideTheBlock() {
        SyntheticUsers users = new SyntheticUsers(10, 5);

        assertThat(users.user(4)).isEqualTo(new UserId(14));
        assertThatThrownBy(() -> users.user(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesABlockLargerThanTheStride() {
        assertThatThrownBy(() -> SyntheticUsers.forTime(Instant.EPOCH, SyntheticUsers.BLOCK + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
