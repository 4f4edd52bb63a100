package io.pushfleet.control.push;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPlanTest {

    private static final NodeId A = new NodeId("edge-a");
    private static final NodeId B = new NodeId("edge-b");

    @Test
    void groupsUsersByTheNodeOfTheirRouteAndKeepsTheOthersOffline() {
        List<UserId> chunk = users(1, 2, 3, 4, 5);
        Map<UserId, List<RouteValue>> routes = Map.of(
                new UserId(1), List.of(route(A, 1)),
                new UserId(2), List.of(route(B, 2)),
                new UserId(4), List.of(route(A, 4)));

        RoutingPlan plan = RoutingPlan.of(chunk, routes);

        assertThat(plan.byNode()).containsOnlyKeys(A, B);
        assertThat(plan.byNode().get(A)).containsExactly(new UserId(1), new UserId(4));
        assertThat(plan.byNode().get(B)).containsExactly(new UserId(2));
        assertThat(plan.routed()).containsExactly(new UserId(1), new UserId(2), new UserId(4));
        assertThat(plan.offline()).containsExactly(new UserId(3), new UserId(5));
    }

    @Test
    void putsAUserWithDevicesOnTwoNodesOnBothListsButOnlyOnceOnEach() {
        Map<UserId, List<RouteValue>> routes = Map.of(new UserId(7),
                List.of(route(A, 1), route(A, 2), route(B, 3)));

        RoutingPlan plan = RoutingPlan.of(users(7), routes);

        assertThat(plan.byNode().get(A)).containsExactly(new UserId(7));
        assertThat(plan.byNode().get(B)).containsExactly(new UserId(7));
        assertThat(plan.routed()).containsExactly(new UserId(7));
        assertThat(plan.offline()).isEmpty();
    }

    @Test
    void treatsAnEmptyRouteListAsOffline() {
        RoutingPlan plan = RoutingPlan.of(users(8), Map.of(new UserId(8), List.of()));

        assertThat(plan.byNode()).isEmpty();
        assertThat(plan.offline()).containsExactly(new UserId(8));
    }

    static List<UserId> users(long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(UserId::new).toList();
    }

    static RouteValue route(NodeId node, long connId) {
        return new RouteValue(node, 1_700_000_000_000L, connId);
    }
}
