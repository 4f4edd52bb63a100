package io.pushfleet.bench.push;

import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetPlanTest {

    @Test
    void listsEveryIdOnceInAscendingOrder() {
        String json = new TargetPlan(1000, 5, 2).idsJson();

        assertThat(json).isEqualTo("[1000,1001,1002,1003,1004]");
    }

    @Test
    void spreadsConnectedUsersThroughTheWholeRange() {
        TargetPlan plan = new TargetPlan(50_000_001, 100_000, 10_000);

        Set<Long> online = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> online.add(plan.onlineUser(i).value()));

        assertThat(online).hasSize(10_000).allSatisfy(id -> assertThat(id).isBetween(50_000_001L, 50_100_000L));
        assertThat(plan.onlineUser(0)).isEqualTo(new UserId(50_000_001));
        assertThat(plan.onlineUser(9_999)).isEqualTo(new UserId(50_099_991));
        // one connected user in every chunk of 1,000 ids the control plane routes
        long[] chunks = online.stream().mapToLong(id -> (id - 50_000_001) / 1000).distinct().toArray();
        assertThat(chunks).hasSize(100);
    }

    @Test
    void connectedUsersAreAmongTheTargetsEvenWhenTheCountsDoNotDivide() {
        TargetPlan plan = new TargetPlan(7, 10, 3);
        Set<String> ids = new HashSet<>(Arrays.asList(plan.idsJson().replaceAll("[\\[\\]]", "").split(",")));

        IntStream.range(0, 3).forEach(i -> assertThat(ids).contains(plan.onlineUser(i).toString()));
        assertThat(ids).hasSize(10);
    }

    @Test
    void refusesMoreConnectedClientsThanTargets() {
        assertThatThrownBy(() -> new TargetPlan(1, 10, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--targets: 10 (expected: >= --clients, 11)");
    }

    @Test
    void refusesAClientIndexOutsideThePlan() {
        assertThatThrownBy(() -> new TargetPlan(1, 10, 2).onlineUser(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
