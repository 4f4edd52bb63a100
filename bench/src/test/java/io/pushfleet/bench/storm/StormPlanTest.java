package io.pushfleet.bench.storm;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StormPlanTest {

    @Test
    void splitsEvenlyWithTheRemainderFirst() {
        assertThat(StormPlan.split(10, 3)).containsExactly(4, 3, 3);
        assertThat(StormPlan.split(2, 3)).containsExactly(1, 1, 0);
        assertThat(Arrays.stream(StormPlan.split(1_000_003, 7)).sum()).isEqualTo(1_000_003);
    }

    @Test
    void aStepShareNeverExceedsTheWorkersSlice() {
        int[] slice = StormPlan.split(19_000, 3);
        for (int step : List.of(1, 1_000, 5_000, 10_000, 18_999, 19_000)) {
            int[] share = StormPlan.split(step, 3);
            for (int w = 0; w < 3; w++) {
                assertThat(share[w]).isLessThanOrEqualTo(slice[w]);
            }
        }
    }

    @Test
    void givesEachWorkerAConsecutiveUserBlock() {
        List<StormPlan.WorkerSlice> slices = StormPlan.slices(1_000, 10, 3, StormPlan.loopbackSources(1));
        assertThat(slices).extracting(StormPlan.WorkerSlice::firstUserId).containsExactly(1_000L, 1_004L, 1_007L);
        assertThat(slices).extracting(StormPlan.WorkerSlice::count).containsExactly(4, 3, 3);
    }

    @Test
    void dealsSourceAddressesRoundRobinWhenThereAreEnough() {
        List<InetAddress> sources = StormPlan.loopbackSources(5);
        List<StormPlan.WorkerSlice> slices = StormPlan.slices(1, 100, 2, sources);
        assertThat(slices.get(0).sources()).containsExactly(sources.get(0), sources.get(2), sources.get(4));
        assertThat(slices.get(1).sources()).containsExactly(sources.get(1), sources.get(3));
    }

    @Test
    void sharesAllSourceAddressesWhenThereAreFewerThanWorkers() {
        List<InetAddress> sources = StormPlan.loopbackSources(2);
        assertThat(StormPlan.slices(1, 100, 3, sources)).allSatisfy(s -> assertThat(s.sources()).isEqualTo(sources));
    }

    @Test
    void loopbackSourcesSkipZeroAndBroadcastOctets() {
        List<InetAddress> sources = StormPlan.loopbackSources(256);
        assertThat(sources.getFirst().getHostAddress()).isEqualTo("127.0.1.1");
        assertThat(sources.get(253).getHostAddress()).isEqualTo("127.0.1.254");
        assertThat(sources.get(254).getHostAddress()).isEqualTo("127.0.2.1");
        assertThatThrownBy(() -> StormPlan.loopbackSources(0)).hasMessageContaining("expected: 1..");
    }

    @Test
    void namesWhatDoesNotFitThisBox() {
        assertThat(StormPlan.problems(19_000, 1, 1, 1)).isEmpty();
        assertThat(StormPlan.problems(30_000, 1, 2, 1)).containsExactly(
                "--workers: 1 for 30000 connections is 30000 sockets per worker (expected: <= 19000; add workers)");
        assertThat(StormPlan.problems(100_000, 10, 2, 1)).containsExactly(
                "--sources: 2 source addresses for 100000 connections to 1 listeners is 50000 per address and listener"
                        + " (expected: <= 25000; add source addresses)");
    }
}
