package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeWeightsTest {

    @Test
    void parsesWeightsAndGivesUnlistedNodesOne() {
        NodeWeights weights = NodeWeights.parse(" edge-a=3, edge-b = 10000 ");

        assertThat(weights.weightOf(new NodeId("edge-a"))).isEqualTo(3);
        assertThat(weights.weightOf(new NodeId("edge-b"))).isEqualTo(10_000);
        assertThat(weights.weightOf(new NodeId("edge-z"))).isEqualTo(1);
        assertThat(weights.toText()).isEqualTo("edge-a=3,edge-b=10000");
        assertThat(NodeWeights.parse(weights.toText())).isEqualTo(weights);
    }

    @Test
    void treatsBlankAsNoWeights() {
        assertThat(NodeWeights.parse("  ").weights()).isEmpty();
        assertThat(NodeWeights.parse(null).weights()).isEmpty();
    }

    @Test
    void refusesANonNumericWeight() {
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'edge-a=x' (expected: an integer weight 1..10000 after '=')");
    }

    @Test
    void refusesAMissingNodeId() {
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=1,=3"))
                .hasMessageStartingWith("'=3' (expected: a node id");
    }

    @Test
    void refusesANegativeAZeroAndATooLargeWeight() {
        for (String bad : new String[] {"edge-a=-1", "edge-a=0", "edge-a=10001", "edge-a=1.5"}) {
            assertThatThrownBy(() -> NodeWeights.parse(bad))
                    .hasMessage("'" + bad + "' (expected: an integer weight 1..10000 after '=')");
        }
    }

    @Test
    void refusesMoreEntriesThanTheLimit() {
        StringBuilder text = new StringBuilder("n0=1");
        for (int i = 1; i <= NodeWeights.MAX_ENTRIES; i++) {
            text.append(",n").append(i).append("=1");
        }

        assertThatThrownBy(() -> NodeWeights.parse(text.toString())).hasMessage("1001 entries (expected: <= 1000)");
    }

    @Test
    void refusesAnEntryWithoutEqualsAnEmptyEntryAndADuplicate() {
        assertThatThrownBy(() -> NodeWeights.parse("edge-a")).hasMessageContaining("'edge-a' (expected: nodeId=weight)");
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=1,,edge-b=2")).hasMessageContaining("'' (expected: nodeId=weight)");
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=1,edge-a=2")).hasMessageContaining("each node id at most once");
    }
}
