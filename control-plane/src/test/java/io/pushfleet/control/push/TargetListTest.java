package io.pushfleet.control.push;

import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetListTest {

    @Test
    void sortsAndRemovesDuplicates() {
        TargetList list = TargetList.of(new long[] {9, 3, 9, 1, 3, 7, 0}, 6);

        assertThat(list.size()).isEqualTo(4);
        assertThat(list.slice(0, 4)).containsExactly(new UserId(1), new UserId(3), new UserId(7), new UserId(9));
    }

    @Test
    void roundTripsThroughEightBytesPerIdAndSlicesWithoutTheIdsBefore() {
        long[] ids = LongStream.rangeClosed(1, 2500).map(i -> i * 1_000_003L).toArray();
        TargetList list = TargetList.of(ids, ids.length);

        byte[] bytes = list.toBytes();
        TargetList back = TargetList.fromBytes(bytes);

        assertThat(bytes).hasSize(2500 * 8);
        assertThat(back.size()).isEqualTo(2500);
        assertThat(back.slice(1000, 1002)).containsExactly(new UserId(1001 * 1_000_003L), new UserId(1002 * 1_000_003L));
        assertThat(back.slice(2499, 2500)).containsExactly(new UserId(Long.valueOf(2500 * 1_000_003L)));
    }

    @Test
    void refusesNonPositiveIdsAndTruncatedBytes() {
        assertThatThrownBy(() -> TargetList.of(new long[] {5, -1}, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetList.fromBytes(new byte[12])).isInstanceOf(IllegalArgumentException.class);
    }
}
