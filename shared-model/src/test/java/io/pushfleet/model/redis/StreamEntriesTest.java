package io.pushfleet.model.redis;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamEntriesTest {

    private final NodeId node = new NodeId("edge-a");

    @Test
    void pushCommandsRoundTripThroughStreamFields() {
        PushCommand batch = new PushCommand(new MessageId(11), 5, new RawJson("{\"t\":\"hi, there\"}"), true, null,
                List.of(new UserId(1), new UserId(2)), true, "trace-1");
        PushCommand chat = new PushCommand(new MessageId(12), 0, new RawJson("1"), false, new UserId(9), List.of(new UserId(3)), false, null);
        PushCommand broadcast = new PushCommand(new MessageId(13), 6, new RawJson("[]"), false, null, List.of(), true, "");

        assertThat(PushCommand.fromFields(batch.toFields())).isEqualTo(batch);
        assertThat(PushCommand.fromFields(chat.toFields())).isEqualTo(chat);
        assertThat(PushCommand.fromFields(broadcast.toFields()).broadcast()).isTrue();
    }

    @Test
    void refusesMoreTargetsThanOneEntryCarries() {
        List<UserId> many = java.util.stream.LongStream.rangeClosed(1, PushCommand.MAX_TARGETS_PER_ENTRY + 1)
                .mapToObj(UserId::new).toList();

        assertThatThrownBy(() -> new PushCommand(new MessageId(1), 1, new RawJson("1"), false, null, many, false, ""))
                .hasMessageContaining("(expected: <= 1000)");
    }

    @Test
    void fleetEventsRoundTripThroughStreamFields() {
        List<FleetEvent> events = List.of(
                new FleetEvent.Delivered(node, new MessageId(5), 3, List.of(new UserId(1)), List.of(new UserId(2), new UserId(4)),
                        "4bf92f3577b34da6a3ce929d0e0e4736"),
                new FleetEvent.Delivered(node, new MessageId(6), 0, List.of(), List.of()),
                new FleetEvent.Acked(node, List.of(new FleetEvent.UserMessage(new UserId(1), new MessageId(5)))),
                new FleetEvent.Connected(node, new UserId(8), new DeviceId("web-1"), 42),
                new FleetEvent.Undeliverable(node, new MessageId(7), new UserId(1), List.of(new UserId(3)), new RawJson("{}"), "t"));

        for (FleetEvent e : events) {
            assertThat(FleetEvent.fromFields(e.toFields())).isEqualTo(e);
        }
    }

    @Test
    void readsADeliveredEntryWithoutTraceAsUntraced() {
        Map<String, String> fields = new java.util.HashMap<>(
                new FleetEvent.Delivered(node, new MessageId(5), 3, List.of(), List.of()).toFields());
        fields.remove("trace");

        assertThat(((FleetEvent.Delivered) FleetEvent.fromFields(fields)).traceId()).isEmpty();
    }

    @Test
    void refusesMalformedEntries() {
        assertThatThrownBy(() -> FleetEvent.fromFields(Map.of("type", "delivered", "node", "edge-a")))
                .hasMessageContaining("field 'msg' missing");
        assertThatThrownBy(() -> FleetEvent.fromFields(Map.of("type", "gossip", "node", "edge-a")))
                .hasMessageContaining("type 'gossip' (unknown)");
        assertThatThrownBy(() -> FleetEvent.fromFields(Map.of("type", "acked", "node", "edge-a", "acks", "1-2")))
                .hasMessageContaining("expected: userId:msgId");
    }
}
