package io.pushfleet.control.routing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.registry.NodeStatus;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.registry.NodeInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.pushfleet.control.routing.AutoWeightRulesTest.withConnections;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingSettingsTest {

    private static final RoutingSetting CONFIGURED = new RoutingSetting(SelectionStrategy.AUTO, NodeWeights.none(), 0);
    private static final NodeWeights THREE_TO_ONE = new NodeWeights(Map.of(new NodeId("edge-a"), 3, new NodeId("edge-b"), 1));

    private final InMemoryRoutingSettingRepository store = new InMemoryRoutingSettingRepository();
    private final AutoWeights autoWeights = AutoWeightsTest.weights(new SimpleMeterRegistry());
    private final RoutingSettings here = new RoutingSettings(store, CONFIGURED, autoWeights);
    private final RoutingSettings elsewhere = new RoutingSettings(store, CONFIGURED, autoWeights);

    private static NodeStatus selectable(NodeInfo info, boolean selectable) {
        return new NodeStatus(info.nodeId(), info.reportedAt(), Optional.of(info), true, selectable, Optional.empty());
    }

    @Test
    void followsTheConfiguredSettingWhileNothingIsStored() {
        here.refresh();

        assertThat(here.current()).isEqualTo(CONFIGURED);
        assertThat(here.selector().strategy()).isEqualTo(SelectionStrategy.AUTO);
    }

    @Test
    void appliesAChangeHereAtOnceAndOnAnotherControlPlaneAtItsNextPoll() {
        RoutingSetting written = here.change(SelectionStrategy.WEIGHTED, THREE_TO_ONE);

        assertThat(written.version()).isEqualTo(1);
        assertThat(here.current()).isEqualTo(written);
        assertThat(here.selector().strategy()).isEqualTo(SelectionStrategy.WEIGHTED);
        assertThat(elsewhere.current()).isEqualTo(CONFIGURED);

        elsewhere.refresh();

        assertThat(elsewhere.current()).isEqualTo(written);
        assertThat(elsewhere.selector().strategy()).isEqualTo(SelectionStrategy.WEIGHTED);
    }

    @Test
    void keepsTheSelectorWhileTheVersionIsUnchanged() {
        here.change(SelectionStrategy.ROUND_ROBIN, NodeWeights.none());
        NodeSelector before = here.selector();

        here.refresh();

        assertThat(here.selector()).isSameAs(before);
    }

    @Test
    void goesBackToTheConfiguredSettingWhenTheStoredOneIsDeleted() {
        here.change(SelectionStrategy.RANDOM, NodeWeights.none());
        store.delete();

        here.refresh();

        assertThat(here.current()).isEqualTo(CONFIGURED);
    }

    @Test
    void keepsTheSettingItFollowsWhenTheStoreCannotBeRead() {
        RoutingSetting written = here.change(SelectionStrategy.CONSISTENT_HASH, NodeWeights.none());
        store.failReadsWith(new IllegalArgumentException("routing:setting: strategy 'x'"));

        here.poll();

        assertThat(here.current()).isEqualTo(written);
    }

    @Test
    void reportsTheWeightEachStrategyGivesANode() {
        NodeInfo a = withConnections("edge-a", 5_000);
        autoWeights.update(java.util.List.of(selectable(a, true)), a.reportedAt());
        assertThat(here.weightOf(selectable(a, true))).isEqualTo(50);

        here.change(SelectionStrategy.WEIGHTED, THREE_TO_ONE);
        assertThat(here.weightOf(selectable(a, true))).isEqualTo(3);
        assertThat(here.weightOf(selectable(withConnections("edge-z", 0), true))).isEqualTo(1);
        assertThat(here.weightOf(selectable(a, false))).isZero();

        here.change(SelectionStrategy.ROUND_ROBIN, NodeWeights.none());
        assertThat(here.weightOf(selectable(a, true))).isNull();
    }
}
