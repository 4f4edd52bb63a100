package io.pushfleet.bench.fleet;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetPlanTest {

    private static final EdgeEndpoint A = edge("edge-a", 9181);
    private static final EdgeEndpoint B = edge("edge-b", 9182);

    @Test
    void spreadsClientsEvenlyOverEdgesAndSourceAddresses() throws Exception {
        InetAddress one = InetAddress.getByName("127.0.0.1");
        InetAddress two = InetAddress.getByName("127.0.0.2");

        FleetPlan plan = FleetPlan.spread(1000, i -> new UserId(100 + i), List.of(A, B), List.of(one, two));

        assertThat(plan.perEdge()).isEqualTo(Map.of(A, 500, B, 500));
        Map<List<Object>, Long> pairs = plan.clients().stream()
                .collect(Collectors.groupingBy(c -> List.of(c.edge(), c.source()), Collectors.counting()));
        assertThat(pairs).hasSize(4).allSatisfy((pair, n) -> assertThat(n).isEqualTo(250L));
        assertThat(plan.clients().get(7).userId()).isEqualTo(new UserId(107));
        assertThat(plan.clients().get(7).index()).isEqualTo(7);
    }

    @Test
    void neighboursLandOnDifferentEdgesSoPairsCrossEdges() throws Exception {
        FleetPlan plan = FleetPlan.spread(4, i -> new UserId(1 + i), List.of(A, B), List.of(InetAddress.getLoopbackAddress()));

        assertThat(plan.clients()).extracting(ClientSpec::edge).containsExactly(A, B, A, B);
    }

    @Test
    void refusesMoreClientsThanOneSourceAddressHasPortsFor() {
        assertThatThrownBy(() -> FleetPlan.spread(60_000, i -> new UserId(1 + i), List.of(A, B),
                List.of(InetAddress.getLoopbackAddress())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30000 per source and edge").hasMessageContaining("127.0.0.2");
    }

    @Test
    void refusesNoEdges() {
        assertThatThrownBy(() -> FleetPlan.spread(1, i -> new UserId(1), List.of(), List.of(InetAddress.getLoopbackAddress())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("edges: none");
    }

    @Test
    void refusesClientsGivenOutOfOrder() {
        ClientSpec second = new ClientSpec(1, new UserId(2), A, InetAddress.getLoopbackAddress());

        assertThatThrownBy(() -> FleetPlan.of(List.of(second)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("clients[0].index: 1 (expected: 0)");
    }

    private static EdgeEndpoint edge(String id, int port) {
        return new EdgeEndpoint(new NodeId(id), "127.0.0.1", port, URI.create("ws://127.0.0.1:8181/ws"));
    }
}
