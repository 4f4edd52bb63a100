package io.pushfleet.model.codec;

import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;

import java.time.Duration;
import java.util.List;

/** At least one instance of every frame type, with the optional parts both present and absent. */
final class SampleFrames {

    private SampleFrames() {
    }

    static List<Frame> all() {
        return List.of(
                new Frame.Auth("eyJhbGciOiJFUzI1NiJ9.e30.c2ln"),
                new Frame.Ping(),
                new Frame.Ack(new MessageId(9_007_199_254_740_993L)),
                new Frame.Send(new Target.User(new UserId(42)), new RawJson("{\"text\":\"héllo ✓\"}"), "c-1"),
                new Frame.Send(new Target.Group(new GroupId(7)), new RawJson("[1,2,{\"a\":null}]"), "c-2"),
                new Frame.Uplink(new RawJson("{\"temp\":21.5}"), "u-1"),
                new Frame.AuthOk(new UserId(42), new DeviceId("phone-1"), new NodeId("edge-a"), Duration.ofSeconds(30)),
                new Frame.Pong(),
                new Frame.Push(new MessageId(1), new RawJson("\"plain string\""), true, null),
                new Frame.Push(new MessageId(2), new RawJson("{\"n\":1}"), false, new UserId(5)),
                new Frame.Receipt("c-1", new MessageId(3), ReceiptStatus.ACCEPTED),
                new Frame.Receipt("c-2", new MessageId(4), ReceiptStatus.NOT_MEMBER),
                new Frame.Reconnect(Duration.ofMillis(1500), "draining"),
                new Frame.Error(4101, "unknown group 7"));
    }
}
