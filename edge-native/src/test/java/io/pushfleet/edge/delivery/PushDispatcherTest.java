package io.pushfleet.edge.delivery;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN 3.5: push entries of the node's command stream and the broadcast stream, delivered and reported. */
class PushDispatcherTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final PushDispatcher pushes = new PushDispatcher(PipelineFixture.NODE, fx.delivery, fx.events, fx.metrics, 16);
    private final NodeCommandDispatcher commands = new NodeCommandDispatcher(PipelineFixture.NODE, PipelineFixture.BOOT_EPOCH,
            fx.connections, fx.closer, pushes, new RecordingDrainSwitch());
    private final List<EmbeddedChannel> opened = new ArrayList<>();

    @Test
    void anAdminPushIsWrittenAndReportedWithWrittenAndAbsentTargets() {
        EmbeddedChannel a = tcp(1, "a");
        EmbeddedChannel b = tcp(2, "b");
        fx.events.clear();
        PushCommand cmd = new PushCommand(new MessageId(50), 9, new RawJson("{\"n\":1}"), true, null,
                List.of(new UserId(1), new UserId(2), new UserId(3)), true, "trace-9");

        commands.dispatch("1-0", cmd.toFields());
        runTasks();

        Frame.Push expected = new Frame.Push(new MessageId(50), new RawJson("{\"n\":1}"), true, null);
        assertThat(TcpWire.read(a)).isEqualTo(expected);
        assertThat(TcpWire.read(b)).isEqualTo(expected);
        assertThat(fx.events.all()).containsExactly(new FleetEvent.Delivered(PipelineFixture.NODE, new MessageId(50), 9,
                List.of(new UserId(1), new UserId(2)), List.of(new UserId(3)), "trace-9"));
        assertThat(fx.count("edge.push.entries", "stream", "node")).isEqualTo(1);
    }

    @Test
    void anEntryWhoseTargetsAreAllAbsentIsStillReported() {
        PushCommand cmd = new PushCommand(new MessageId(51), 9, new RawJson("1"), false, null, List.of(new UserId(8)), true, "");

        commands.dispatch("1-0", cmd.toFields());

        assertThat(fx.events.of(FleetEvent.Delivered.class)).containsExactly(
                new FleetEvent.Delivered(PipelineFixture.NODE, new MessageId(51), 9, List.of(), List.of(new UserId(8))));
    }

    // A chat relayed by another edge: only targets not here go back, for the offline store.
    @Test
    void relayedChatReportsOnlyItsAbsentTargetsAsUndeliverable() {
        EmbeddedChannel here = tcp(1, "a");
        fx.events.clear();
        PushCommand relayed = new PushCommand(new MessageId(60), 0, new RawJson("\"yo\""), true, new UserId(7),
                List.of(new UserId(1), new UserId(2)), false, "t-60");

        commands.dispatch("1-0", relayed.toFields());
        runTasks();

        assertThat(TcpWire.read(here)).isEqualTo(new Frame.Push(new MessageId(60), new RawJson("\"yo\""), true, new UserId(7)));
        assertThat(fx.events.all()).containsExactly(new FleetEvent.Undeliverable(PipelineFixture.NODE, new MessageId(60),
                new UserId(7), List.of(new UserId(2)), new RawJson("\"yo\""), "t-60"));
    }

    @Test
    void relayedChatThatReachedEveryoneReportsNothing() {
        tcp(1, "a");
        fx.events.clear();
        PushCommand relayed = new PushCommand(new MessageId(61), 0, new RawJson("1"), true, new UserId(7),
                List.of(new UserId(1)), false, "");

        commands.dispatch("1-0", relayed.toFields());
        runTasks();

        assertThat(fx.events.all()).isEmpty();
    }

    @Test
    void aBroadcastReportsEveryUserItWasWrittenTo() {
        EmbeddedChannel a = tcp(4, "a");
        EmbeddedChannel b = tcp(2, "b");
        fx.events.clear();
        PushCommand cmd = new PushCommand(new MessageId(70), 3, new RawJson("{}"), false, null, List.of(), true, "t-70");

        pushes.onBroadcastEntry("1-0", cmd.toFields());
        runTasks();

        assertThat(TcpWire.read(a)).isInstanceOf(Frame.Push.class);
        assertThat(TcpWire.read(b)).isInstanceOf(Frame.Push.class);
        assertThat(fx.events.all()).containsExactly(new FleetEvent.Delivered(PipelineFixture.NODE, new MessageId(70), 3,
                List.of(new UserId(2), new UserId(4)), List.of(), "t-70"));
        assertThat(fx.meters.get("edge.broadcast.fanout").timer().count()).isEqualTo(1);
    }

    @Test
    void skipsBroadcastEntriesOfOtherTypes() {
        tcp(4, "a");
        fx.events.clear();

        pushes.onBroadcastEntry("1-0", Map.of("type", "gossip"));

        assertThat(fx.events.all()).isEmpty();
    }

    @Test
    void aPushOverTheFrameLimitIsNeitherWrittenNorReported() {
        EmbeddedChannel a = tcp(1, "a");
        fx.events.clear();
        PushCommand huge = new PushCommand(new MessageId(80), 1, new RawJson("\"" + "x".repeat(PipelineFixture.MAX_FRAME_BYTES) + "\""),
                false, null, List.of(new UserId(1)), true, "");

        commands.dispatch("1-0", huge.toFields());
        runTasks();

        assertThat(TcpWire.read(a)).isNull();
        assertThat(fx.events.all()).isEmpty();
        assertThat(fx.allocator.unreleased()).isZero();
    }

    private EmbeddedChannel tcp(long user, String device) {
        EmbeddedChannel ch = fx.authenticatedTcp(user, device);
        opened.add(ch);
        return ch;
    }

    private void runTasks() {
        opened.forEach(EmbeddedChannel::runPendingTasks);
    }
}
