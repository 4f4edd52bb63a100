package io.pushfleet.edge.delivery;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL 3.2: kicks from another node close exactly the connection they name; DESIGN 3.10: drain commands. */
class NodeCommandDispatcherTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final RecordingDrainSwitch drain = new RecordingDrainSwitch();
    private final NodeCommandDispatcher dispatcher =
            new NodeCommandDispatcher(PipelineFixture.NODE, PipelineFixture.BOOT_EPOCH, fx.connections, fx.closer,
                    new PushDispatcher(PipelineFixture.NODE, fx.delivery, fx.events, fx.metrics, 16), drain);

    @Test
    void closesTheNamedConnectionWithReplaced() {
        EmbeddedChannel ch = authenticated(42, "d1");
        RouteValue route = fx.routes.route(new UserId(42), new DeviceId("d1")).orElseThrow();

        dispatcher.dispatch("1-0", kick("42", "d1", route.format()));

        Frame.Error farewell = lastError(ch);
        assertThat(farewell.code()).isEqualTo(CloseCode.REPLACED.code());
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void ignoresAKickForAnEarlierRunOfThisNode() {
        EmbeddedChannel ch = authenticated(42, "d1");
        RouteValue route = fx.routes.route(new UserId(42), new DeviceId("d1")).orElseThrow();
        RouteValue older = new RouteValue(PipelineFixture.NODE, PipelineFixture.BOOT_EPOCH - 1, route.connId());

        dispatcher.dispatch("1-0", kick("42", "d1", older.format()));

        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void ignoresAKickWhoseUserOrDeviceDoesNotMatch() {
        EmbeddedChannel ch = authenticated(42, "d1");
        RouteValue route = fx.routes.route(new UserId(42), new DeviceId("d1")).orElseThrow();

        dispatcher.dispatch("1-0", kick("43", "d1", route.format()));
        dispatcher.dispatch("2-0", kick("42", "d2", route.format()));
        dispatcher.dispatch("3-0", kick("42", "d1", new RouteValue(new NodeId("other"), 1, route.connId()).format()));

        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void skipsMalformedAndUnknownEntries() {
        EmbeddedChannel ch = authenticated(42, "d1");

        dispatcher.dispatch("1-0", Map.of(NodeCommands.TYPE, "push-later"));
        dispatcher.dispatch("2-0", Map.of(NodeCommands.TYPE, NodeCommands.KICK, NodeCommands.ROUTE, "garbage"));
        dispatcher.dispatch("3-0", Map.of(NodeCommands.TYPE, NodeCommands.KICK));

        assertThat(ch.isOpen()).isTrue();
    }

    // DESIGN 3.10: the control plane's drain and undrain commands reach the drain switch in stream order.
    @Test
    void passesDrainAndUndrainCommandsToTheDrainSwitch() {
        dispatcher.dispatch("1-0", Map.of(NodeCommands.TYPE, NodeCommands.DRAIN));
        dispatcher.dispatch("2-0", Map.of(NodeCommands.TYPE, NodeCommands.UNDRAIN));
        dispatcher.dispatch("3-0", Map.of(NodeCommands.TYPE, NodeCommands.DRAIN));

        assertThat(drain.calls).containsExactly("drain", "undrain", "drain");
    }

    private EmbeddedChannel authenticated(long user, String device) {
        EmbeddedChannel ch = fx.tcp();
        ch.writeInbound(TcpWire.frame(new Frame.Auth(fx.tokens.valid(user, device))));
        assertThat(TcpWire.read(ch)).isInstanceOf(Frame.AuthOk.class);
        return ch;
    }

    private static Map<String, String> kick(String user, String device, String route) {
        return Map.of(NodeCommands.TYPE, NodeCommands.KICK, NodeCommands.USER, user, NodeCommands.DEVICE, device,
                NodeCommands.ROUTE, route);
    }

    private static Frame.Error lastError(EmbeddedChannel ch) {
        ch.runPendingTasks();
        Frame f = TcpWire.read(ch);
        assertThat(f).isInstanceOf(Frame.Error.class);
        return (Frame.Error) f;
    }
}
