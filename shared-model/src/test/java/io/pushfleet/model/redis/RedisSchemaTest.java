package io.pushfleet.model.redis;

import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
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
        assertThat(RedisKeys.clientMessage(new UserId(42), new DeviceId("web-1"), "c:1"))
                .isEqualTo("clientmsg:{42}:web-1:c:1");
    }

    @Test
    void clientMessageStatesParseFromTheScriptsAnswers() {
        assertThat(ClientMessageState.parse("claimed:9007199254740993"))
                .isEqualTo(new ClientMessageState.Claimed(new MessageId(9_007_199_254_740_993L)));
        assertThat(ClientMessageState.parse("pending:7:1764000000000"))
                .isEqualTo(new ClientMessageState.Pending(new MessageId(7), 1_764_000_000_000L));
        assertThat(ClientMessageState.parse("done:7:accepted"))
                .isEqualTo(new ClientMessageState.Done(new MessageId(7), ReceiptStatus.ACCEPTED));
        for (String bad : new String[] {"done:7:maybe", "claimed:7:1", "pending:7", "pending:x:1", "gone:7:1", ""}) {
            assertThatThrownBy(() -> ClientMessageState.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: claimed:<msgId>");
        }
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
