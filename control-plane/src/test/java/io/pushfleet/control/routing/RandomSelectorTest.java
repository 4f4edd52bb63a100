package io.pushfleet.control.routing;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.pushfleet.control.support.TestNodes.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RandomSelectorTest {

    private static final SelectionRequest REQUEST = new SelectionRequest(new UserId(1), new DeviceId("d"));
    private static final List<NodeInfo> THREE = List.of(up("a", Instant.EPOCH), up("b", Instant.EPOCH), up("c", Instant.EPOCH));

    private final RandomSelector selector = new RandomSelector(new SplittableRandom(42));

    private List<String> pick(List<NodeInfo> candidates, int count) {
        return selector.select(candidates, REQUEST, count).stream().map(n -> n.nodeId().value()).toList();
    }

    @Test
    void spreadsPrimariesUniformlyOverManyCalls() {
        Map<String, Integer> primaries = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            primaries.merge(pick(THREE, 1).getFirst(), 1, Integer::sum);
        }
        assertThat(primaries).containsOnlyKeys("a", "b", "c");
        primaries.values().forEach(n -> assertThat(n / 30_000.0).isCloseTo(1 / 3.0, within(0.05 / 3)));
    }

    @Test
    void givesDistinctFallbacksSpreadOverTheOtherNodes() {
        Map<String, Integer> firstFallbacks = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            List<String> picked = pick(THREE, 3);
            assertThat(picked).containsExactlyInAnyOrder("a", "b", "c");
            firstFallbacks.merge(picked.get(0) + picked.get(1), 1, Integer::sum);
        }
        assertThat(firstFallbacks).hasSize(6);
    }

    @Test
    void isDeterministicForTheSameSeed() {
        RandomSelector other = new RandomSelector(new SplittableRandom(42));
        for (int i = 0; i < 20; i++) {
            assertThat(other.select(THREE, REQUEST, 2)).isEqualTo(selector.select(THREE, REQUEST, 2));
        }
    }

    @Test
    void neverReturnsMoreNodesThanCandidatesNothingForNoneAndRefusesABadCount() {
        assertThat(pick(THREE.subList(0, 1), 3)).containsExactly("a");
        assertThat(pick(THREE.subList(0, 2), 5)).containsExactlyInAnyOrder("a", "b");
        assertThat(selector.select(List.of(), REQUEST, 1)).isEmpty();
        assertThatThrownBy(() -> selector.select(THREE, REQUEST, 0)).hasMessageContaining("count: 0");
    }
}
