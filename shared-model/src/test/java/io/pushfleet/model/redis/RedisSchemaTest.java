package io.pushfleet.model.redis;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisSchemaTest {

    @Test
    void keysCarryClusterHashTags() {
        assertThat(RedisKeys.route(new UserId(42))).isEqualTo("route:{42}");
        assertThat(RedisKeys.nodeConnections(new NodeId("edge-a"))).isEqualTo("node:{edge-a}:conns");
        assertThat(RedisKeys.nodeStream(new NodeId("edge-a"))).startsWith("node:{edge-a}:");
    }

    @Test
    void routeValuesRoundTrip() {
        RouteValue route = new RouteValue(new NodeId("edge-a.1"), 1_764_000_000_000L, 17);

        assertThat(route.format()).isEqualTo("edge-a.1:1764000000000:17");
        assertThat(RouteValue.parse(route.format())).isEqualTo(route);
    }

    @Test
    void rejectsMalformedRouteValues() {
        assertThatThrownBy(() -> RouteValue.parse("edge-a:17")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: nodeId:bootEpoch:connId");
        assertThatThrownBy(() -> RouteValue.parse("edge-a:x:17")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteValue.parse(":1:2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nodeConnectionsRoundTrip() {
        NodeConnection c = new NodeConnection(new UserId(7), new DeviceId("web-1"), 1_764_000_000_000L, 3);

        assertThat(NodeConnection.parse(c.format())).isEqualTo(c);
        assertThat(c.routeOn(new NodeId("edge-a")).format()).isEqualTo("edge-a:1764000000000:3");
        assertThatThrownBy(() -> NodeConnection.parse("7:web-1:3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deviceIdsRefuseTheSeparator() {
        assertThatThrownBy(() -> new DeviceId("a:b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character ':' at 1");
    }

    @Test
    void nodeInfoRoundTripsThroughJson() {
        NodeInfo info = new NodeInfo(new NodeId("edge-a"), 1_764_000_000_000L, NodeState.DRAINING, "ws://127.0.0.1:8080/ws",
                "127.0.0.1", 9000, "http://127.0.0.1:9100", 12, 20_000, 1 << 20, 1 << 28, 1 << 16, 0.25, 150,
                Instant.ofEpochMilli(1_764_000_005_000L));

        assertThat(NodeInfo.fromJson(info.toJson())).isEqualTo(info);
        assertThatThrownBy(() -> NodeInfo.fromJson("{\"nodeId\":3}")).isInstanceOf(IllegalArgumentException.class);
    }
}
