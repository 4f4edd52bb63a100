package io.pushfleet.model.kafka;

import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UplinkRecordTest {

    @Test
    void roundTripsSendsAndUplinksThroughJson() {
        UplinkRecord send = new UplinkRecord(UplinkRecord.Kind.SEND, new MessageId(3), new UserId(1), new DeviceId("d"), "c-1",
                new Target.Group(new GroupId(4)), new RawJson("{\"text\":\"hi\"}"), new NodeId("edge-a"), Instant.ofEpochMilli(1000));
        UplinkRecord uplink = new UplinkRecord(UplinkRecord.Kind.UPLINK, new MessageId(4), new UserId(1), new DeviceId("d"), "c-2",
                null, new RawJson("[1,2]"), new NodeId("edge-a"), Instant.ofEpochMilli(2000));

        assertThat(UplinkRecord.fromJsonBytes(send.toJsonBytes())).isEqualTo(send);
        assertThat(UplinkRecord.fromJsonBytes(uplink.toJsonBytes())).isEqualTo(uplink);
        assertThat(send.key()).isEqualTo("1");
    }

    @Test
    void requiresATargetForSendsOnly() {
        assertThatThrownBy(() -> new UplinkRecord(UplinkRecord.Kind.SEND, new MessageId(3), new UserId(1), new DeviceId("d"), "c",
                null, new RawJson("1"), new NodeId("n"), Instant.EPOCH)).hasMessageContaining("to: required for SEND");
    }

    @Test
    void refusesRecordsWithMissingOrMistypedFields() {
        assertThatThrownBy(() -> UplinkRecord.fromJsonBytes("{\"kind\":\"UPLINK\"}".getBytes()))
                .hasMessageContaining("uplink record:");
        assertThatThrownBy(() -> UplinkRecord.fromJsonBytes(("{\"kind\":\"UPLINK\",\"msgId\":\"1\",\"userId\":\"7\","
                + "\"deviceId\":\"d\",\"clientMsgId\":\"c\",\"body\":1,\"node\":\"n\",\"receivedAt\":1}").getBytes()))
                .hasMessageContaining("userId missing or not an integer");
        assertThatThrownBy(() -> UplinkRecord.fromJsonBytes("[1]".getBytes())).hasMessageContaining("expected a JSON object");
    }
}
