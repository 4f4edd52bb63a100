package io.pushfleet.control.routing;

import io.pushfleet.model.id.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeWeightsTest {

    @Test
    void parsesWeightsAndGivesUnlistedNodesOne() {
        NodeWeights weights = NodeWeights.parse(" edge-a=3, edge-b = 0 ");

        assertThat(weights.weightOf(new NodeId("edge-a"))).isEqualTo(3);
        assertThat(weights.weightOf(new NodeId("edge-b"))).isZero();
        assertThat(weights.weightOf(new NodeId("edge-z"))).isEqualTo(1);
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
                .hasMessage("push.routing.weights: 'edge-a=x' (expected: a non-negative integer weight after '=')");
    }

    @Test
    void refusesAMissingNodeId() {
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=1,=3"))
                .hasMessageStartingWith("push.routing.weights: '=3' (expected: a node id");
    }

    @Test
    void refusesANegativeWeight() {
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=-1"))
                .hasMessage("push.routing.weights: 'edge-a=-1' (expected: a non-negative integer weight after '=')");
    }

    @Test
    void refusesAnEntryWithoutEqualsAnEmptyEntryAndADuplicate() {
        assertThatThrownBy(() -> NodeWeights.parse("edge-a")).hasMessageContaining("'edge-a' (expected: nodeId=weight)");
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=1,,edge-b=2")).hasMessageContaining("'' (expected: nodeId=weight)");
        assertThatThrownBy(() -> NodeWeights.parse("edge-a=1,edge-a=2")).hasMessageContaining("each node id at most once");
    }
}
