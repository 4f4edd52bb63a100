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
import java.util.stream.Stream;

import static io.pushfleet.control.support.TestNodes.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsistentHashSelectorTest {

    private static final int USERS = 100_000;
    private static final List<NodeInfo> FOUR = nodes("edge-a", "edge-b", "edge-c", "edge-d");

    private final ConsistentHashSelector selector = new ConsistentHashSelector();

    private static List<NodeInfo> nodes(String... ids) {
        return Stream.of(ids).map(id -> up(id, Instant.EPOCH)).toList();
    }

    private static SelectionRequest user(long id) {
        return new SelectionRequest(new UserId(id), new DeviceId("phone"));
    }

    private String primary(List<NodeInfo> candidates, long userId) {
        return selector.select(candidates, user(userId), 1).getFirst().nodeId().value();
    }

    @Test
    void givesTheSameUserTheSameNodeEveryTimeAndOnAnotherInstance() {
        ConsistentHashSelector other = new ConsistentHashSelector();
        for (long id = 1; id <= 1_000; id++) {
            List<NodeInfo> first = selector.select(FOUR, user(id), 3);
            assertThat(selector.select(FOUR, user(id), 3)).isEqualTo(first);
            assertThat(other.select(FOUR, user(id), 3)).isEqualTo(first);
        }
    }

    @Test
    void spreadsUsersEvenlyOverFourNodes() {
        Map<String, Integer> counts = new HashMap<>();
        for (long id = 1; id <= USERS; id++) {
            counts.merge(primary(FOUR, id), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys("edge-a", "edge-b", "edge-c", "edge-d");
        counts.values().forEach(n -> assertThat(n / (double) USERS).isCloseTo(0.25, within(0.05)));
    }

    @Test
    void movesAboutAFifthOfUsersAndOnlyToTheNodeThatJoined() {
        List<NodeInfo> five = nodes("edge-a", "edge-b", "edge-c", "edge-d", "edge-e");
        String[] before = new String[USERS + 1];
        for (long id = 1; id <= USERS; id++) {
            before[(int) id] = primary(FOUR, id);
        }
        int moved = 0;
        List<String> movedElsewhere = new ArrayList<>();
        for (long id = 1; id <= USERS; id++) {
            String after = primary(five, id);
            if (!before[(int) id].equals(after)) {
                moved++;
                if (!after.equals("edge-e")) {
                    movedElsewhere.add(id + ": " + before[(int) id] + " -> " + after);
                }
            }
        }
        assertThat(moved / (double) USERS).isBetween(0.15, 0.25);
        assertThat(movedElsewhere).isEmpty();
    }

    @Test
    void buildsTheRingOnlyWhenTheCandidateIdsChange() {
        selector.select(FOUR, user(1), 1);
        // Fresh NodeInfo objects with the same ids, as every registry read returns.
        selector.select(nodes("edge-a", "edge-b", "edge-c", "edge-d"), user(2), 3);
        assertThat(selector.ringBuilds()).isEqualTo(1);

        selector.select(FOUR.subList(0, 3), user(1), 1);
        assertThat(selector.ringBuilds()).isEqualTo(2);
    }

    @Test
    void givesDistinctFallbacksThatNeverIncludeThePrimary() {
        for (long id = 1; id <= 2_000; id++) {
            List<NodeInfo> picked = selector.select(FOUR, user(id), 3);
            assertThat(picked).hasSize(3).doesNotHaveDuplicates();
            assertThat(picked.subList(1, 3)).doesNotContain(picked.getFirst());
        }
        assertThat(selector.select(FOUR, user(7), 10)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void keepsUsersOfARemainingNodeWhenAnotherLeaves() {
        Map<Long, String> before = new HashMap<>();
        for (long id = 1; id <= 10_000; id++) {
            before.put(id, primary(FOUR, id));
        }
        List<NodeInfo> withoutD = FOUR.subList(0, 3);
        before.forEach((id, node) -> {
            if (!node.equals("edge-d")) {
                assertThat(primary(withoutD, id)).as("user %d", id).isEqualTo(node);
            }
        });
    }
}
