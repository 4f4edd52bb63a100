package io.pushfleet.control.routing;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pushfleet.control.support.TestNodes.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoundRobinSelectorTest {

    private static final SelectionRequest REQUEST = new SelectionRequest(new UserId(1), new DeviceId("d"));
    private static final List<NodeInfo> THREE = List.of(up("a", Instant.EPOCH), up("b", Instant.EPOCH), up("c", Instant.EPOCH));

    private final RoundRobinSelector selector = new RoundRobinSelector();

    private List<String> pick(List<NodeInfo> candidates, int count) {
        return selector.select(candidates, REQUEST, count).stream().map(n -> n.nodeId().value()).toList();
    }

    @Test
    void startsOneNodeFurtherOnEachCallAndFollowsWithTheNextNodesAsFallbacks() {
        assertThat(pick(THREE, 3)).containsExactly("a", "b", "c");
        assertThat(pick(THREE, 3)).containsExactly("b", "c", "a");
        assertThat(pick(THREE, 3)).containsExactly("c", "a", "b");
        assertThat(pick(THREE, 3)).containsExactly("a", "b", "c");
    }

    @Test
    void neverReturnsMoreNodesThanCandidatesNorTheSameNodeTwice() {
        List<NodeInfo> two = THREE.subList(0, 2);
        for (int i = 0; i < 5; i++) {
            assertThat(pick(two, 3)).hasSize(2).doesNotHaveDuplicates();
        }
        assertThat(pick(THREE.subList(0, 1), 3)).containsExactly("a");
    }

    @Test
    void spreadsPrimariesEvenlyOverManyCalls() {
        Map<String, Integer> primaries = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            primaries.merge(pick(THREE, 1).getFirst(), 1, Integer::sum);
        }
        assertThat(primaries).containsOnly(Map.entry("a", 100), Map.entry("b", 100), Map.entry("c", 100));
    }

    @Test
    void picksNothingFromNoCandidatesAndRefusesANonPositiveCount() {
        assertThat(selector.select(List.of(), REQUEST, 1)).isEmpty();
        assertThatThrownBy(() -> selector.select(THREE, REQUEST, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
