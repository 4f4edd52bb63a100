package io.pushfleet.control.routing;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static io.pushfleet.control.support.TestNodes.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightedSelectorTest {

    private static final SelectionRequest REQUEST = new SelectionRequest(new UserId(1), new DeviceId("d"));
    private static final NodeInfo A = up("edge-a", Instant.EPOCH);
    private static final NodeInfo B = up("edge-b", Instant.EPOCH);
    private static final NodeInfo C = up("edge-c", Instant.EPOCH);

    private static List<String> primaries(WeightedSelector selector, List<NodeInfo> candidates, int calls) {
        return IntStream.range(0, calls)
                .mapToObj(i -> selector.select(candidates, REQUEST, 1).getFirst().nodeId().value()).toList();
    }

    @Test
    void picksThreeToOneForWeightsThreeAndOne() {
        WeightedSelector selector = new WeightedSelector(NodeWeights.parse("edge-a=3,edge-b=1"));

        Map<String, Integer> counts = new HashMap<>();
        primaries(selector, List.of(A, B), 10_000).forEach(id -> counts.merge(id, 1, Integer::sum));

        assertThat(counts.get("edge-a") / 10_000.0).isCloseTo(0.75, within(0.02));
        assertThat(counts.get("edge-b") / 10_000.0).isCloseTo(0.25, within(0.02));
    }

    @Test
    void interleavesTheLightNodeRatherThanBunchingTheHeavyOne() {
        WeightedSelector selector = new WeightedSelector(NodeWeights.parse("edge-a=3,edge-b=1"));

        List<String> picks = primaries(selector, List.of(A, B), 1_000);

        int run = 0;
        int longest = 0;
        for (String id : picks) {
            run = id.equals("edge-a") ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertThat(longest).isLessThanOrEqualTo(3);
        assertThat(picks.subList(0, 4)).containsExactly("edge-a", "edge-a", "edge-b", "edge-a");
    }

    @Test
    void neverChoosesAZeroWeightNodeNeitherAsPrimaryNorAsFallback() {
        WeightTable table = id -> id.equals(C.nodeId()) ? 0 : 1;
        WeightedSelector selector = new WeightedSelector(() -> table, SelectionStrategy.AUTO);

        for (int i = 0; i < 100; i++) {
            assertThat(selector.select(List.of(A, B, C), REQUEST, 3)).containsExactlyInAnyOrder(A, B);
        }
    }

    @Test
    void choosesNothingWhenEveryCandidateWeighsZero() {
        WeightedSelector selector = new WeightedSelector(() -> id -> 0, SelectionStrategy.AUTO);

        assertThat(selector.select(List.of(A, B), REQUEST, 3)).isEmpty();
        assertThat(selector.select(List.of(), REQUEST, 3)).isEmpty();
    }

    @Test
    void readsTheTableAnewOnEveryCall() {
        Map<String, Integer> weights = new HashMap<>(Map.of("edge-a", 1, "edge-b", 1));
        WeightedSelector selector = new WeightedSelector(() -> id -> weights.get(id.value()), SelectionStrategy.AUTO);

        assertThat(primaries(selector, List.of(A, B), 2)).containsExactly("edge-a", "edge-b");
        weights.put("edge-a", 0);
        assertThat(primaries(selector, List.of(A, B), 3)).containsExactly("edge-b", "edge-b", "edge-b");
        assertThat(selector.strategy()).isEqualTo(SelectionStrategy.AUTO);
    }

    @Test
    void givesFallbacksByCurrentWeightDistinctFromThePrimary() {
        WeightedSelector selector = new WeightedSelector(NodeWeights.parse("edge-a=5,edge-b=3,edge-c=1"));

        // First call: currents 5, 3, 1 -> a primary, then a = 5 - 9 = -4; fallbacks b (3), c (1).
        assertThat(selector.select(List.of(A, B, C), REQUEST, 3)).containsExactly(A, B, C);
        // Second call: currents 1, 6, 2 -> b primary, then b = -3; fallbacks c (2), a (1).
        assertThat(selector.select(List.of(A, B, C), REQUEST, 3)).containsExactly(B, C, A);
    }

    @Test
    void keepsTheRatioUnderConcurrentCalls() throws InterruptedException {
        WeightedSelector selector = new WeightedSelector(NodeWeights.parse("edge-a=3,edge-b=1"));
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> primaries(selector, List.of(A, B), 2_000)
                    .forEach(id -> counts.merge(id, 1, Integer::sum))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Each call advances the shared state exactly once, so 8000 calls are exactly 6000:2000.
        assertThat(counts).containsOnly(Map.entry("edge-a", 6_000), Map.entry("edge-b", 2_000));
    }
}
