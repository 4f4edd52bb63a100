package io.pushfleet.edge.chat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.pushfleet.edge.testing.PipelineFixture;
import io.pushfleet.edge.testing.TcpWire;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.kafka.UplinkRecord;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RouteValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL 3.4: send and uplink through the real TCP pipeline, with Kafka and Redis as in-memory fakes. The
 * fake broker answers only when the test says so, so "no receipt before Kafka acknowledged" is observable.
 */
class ChatServiceTest {

    private static final RawJson BODY = new RawJson("{\"text\":\"hi\"}");
    private static final NodeId OTHER = new NodeId("edge-other");
    private static final UserId SENDER = new UserId(10);

    private final PipelineFixture fx = new PipelineFixture();
    private final List<EmbeddedChannel> opened = new ArrayList<>();
    private final EmbeddedChannel sender = tcp(SENDER.value(), "s");

    @Test
    void uplinkIsAcceptedOnlyOnceKafkaAcknowledgedIt() {
        sender.writeInbound(TcpWire.frame(new Frame.Uplink(new RawJson("{\"temp\":21}"), "u-1")));
        runTasks();
        assertThat(TcpWire.read(sender)).as("no receipt before Kafka answered").isNull();
        UplinkRecord record = fx.uplinks.records().getFirst();
        assertThat(record.kind()).isEqualTo(UplinkRecord.Kind.UPLINK);
        assertThat(record.userId()).isEqualTo(SENDER);
        assertThat(record.deviceId()).isEqualTo(new DeviceId("s"));
        assertThat(record.clientMsgId()).isEqualTo("u-1");
        assertThat(record.node()).isEqualTo(PipelineFixture.NODE);
        assertThat(fx.uplinks.sent().getFirst().traceId()).matches("[0-9a-f]{32}");

        fx.uplinks.acknowledge();
        runTasks();

        assertThat(TcpWire.read(sender)).isEqualTo(new Frame.Receipt("u-1", record.msgId(), ReceiptStatus.ACCEPTED));
        assertThat(fx.count("edge.kafka.produce", "result", "ok")).isEqualTo(1);
        assertThat(fx.count("edge.receipts", "status", "accepted")).isEqualTo(1);
    }

    @Test
    void receiptSaysFailedWhenKafkaFailsAndNothingIsRouted() {
        EmbeddedChannel target = tcp(20, "t");
        fx.directory.route(new UserId(20), fx.routeOf(20, "t"));
        fx.events.clear();

        sendTo(new Target.User(new UserId(20)), "c-1");
        fx.uplinks.fail();
        runTasks();

        Frame.Receipt receipt = (Frame.Receipt) TcpWire.read(sender);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.FAILED);
        assertThat(receipt.clientMsgId()).isEqualTo("c-1");
        assertThat(TcpWire.read(target)).isNull();
        assertThat(fx.events.all()).isEmpty();
        assertThat(fx.count("edge.kafka.produce", "result", "failed")).isEqualTo(1);
    }

    @Test
    void sendToAUserOnThisNodeWritesThePushWithTheSender() {
        EmbeddedChannel phone = tcp(20, "phone");
        EmbeddedChannel laptop = tcp(20, "laptop");
        fx.directory.route(new UserId(20), fx.routeOf(20, "phone"), fx.routeOf(20, "laptop"));

        MessageId msgId = accepted(new Target.User(new UserId(20)), "c-2");

        Frame.Push expected = new Frame.Push(msgId, BODY, true, SENDER);
        assertThat(TcpWire.read(phone)).isEqualTo(expected);
        assertThat(TcpWire.read(laptop)).isEqualTo(expected);
        assertThat(fx.directory.relays()).isEmpty();
        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).isEmpty();
        UplinkRecord record = fx.uplinks.records().getFirst();
        assertThat(record.kind()).isEqualTo(UplinkRecord.Kind.SEND);
        assertThat(record.to()).isEqualTo(new Target.User(new UserId(20)));
    }

    @Test
    void sendToAUserOnAnotherLiveNodeRelaysOneEntryToThatNode() {
        fx.directory.live(OTHER);
        fx.directory.route(new UserId(30), new RouteValue(OTHER, 5, 1), new RouteValue(OTHER, 5, 2));

        MessageId msgId = accepted(new Target.User(new UserId(30)), "c-3");

        assertThat(fx.directory.relays()).hasSize(1);
        InMemoryChatDirectory.Relay relay = fx.directory.relays().getFirst();
        assertThat(relay.node()).isEqualTo(OTHER);
        PushCommand push = relay.push();
        assertThat(push.msgId()).isEqualTo(msgId);
        assertThat(push.targets()).containsExactly(new UserId(30));
        assertThat(push.from()).isEqualTo(SENDER);
        assertThat(push.needsAck()).isTrue();
        assertThat(push.report()).as("relayed chat reports only the unreachable").isFalse();
        assertThat(push.taskId()).isZero();
        assertThat(push.traceId()).isEqualTo(fx.uplinks.sent().getFirst().traceId());
        assertThat(fx.events.all()).isEmpty();
    }

    @Test
    void sendToAnOfflineUserIsUndeliverable() {
        MessageId msgId = accepted(new Target.User(new UserId(40)), "c-4");

        assertThat(fx.events.all()).containsExactly(new FleetEvent.Undeliverable(PipelineFixture.NODE, msgId, SENDER,
                List.of(new UserId(40)), BODY, fx.uplinks.sent().getFirst().traceId()));
    }

    // Dead node: its routes stay until it restarts or is fenced; its stream would never be read.
    @Test
    void sendToAUserWhoseNodeHasLeftTheRegistryIsUndeliverable() {
        fx.directory.route(new UserId(41), new RouteValue(new NodeId("edge-dead"), 5, 1));

        accepted(new Target.User(new UserId(41)), "c-5");

        assertThat(fx.directory.relays()).isEmpty();
        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).singleElement()
                .satisfies(e -> assertThat(e.targets()).containsExactly(new UserId(41)));
    }

    @Test
    void aRouteOfAnEarlierRunOfThisNodeCountsAsOffline() {
        fx.directory.route(new UserId(42), new RouteValue(PipelineFixture.NODE, PipelineFixture.BOOT_EPOCH - 1, 3));

        accepted(new Target.User(new UserId(42)), "c-6");

        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).singleElement()
                .satisfies(e -> assertThat(e.targets()).containsExactly(new UserId(42)));
    }

    @Test
    void aLocalRouteWhoseConnectionIsGoneIsUndeliverable() {
        fx.directory.route(new UserId(43), new RouteValue(PipelineFixture.NODE, PipelineFixture.BOOT_EPOCH, 999));

        accepted(new Target.User(new UserId(43)), "c-7");

        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).singleElement()
                .satisfies(e -> assertThat(e.targets()).containsExactly(new UserId(43)));
    }

    // PROTOCOL 3.4: membership is checked before anything is produced.
    @Test
    void groupSendFromANonMemberIsRefusedWithoutProducing() {
        fx.directory.group(new GroupId(5), new UserId(20), new UserId(21));

        sendTo(new Target.Group(new GroupId(5)), "g-1");
        runTasks();

        Frame.Receipt receipt = (Frame.Receipt) TcpWire.read(sender);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.NOT_MEMBER);
        assertThat(fx.uplinks.sent()).isEmpty();
    }

    @Test
    void groupSendToAnUnknownGroupAnswersUnknownTarget() {
        sendTo(new Target.Group(new GroupId(6)), "g-2");
        runTasks();

        assertThat(((Frame.Receipt) TcpWire.read(sender)).status()).isEqualTo(ReceiptStatus.UNKNOWN_TARGET);
        assertThat(fx.uplinks.sent()).isEmpty();
    }

    @Test
    void groupSendReachesMembersHereAndElsewhereAndReportsTheOfflineOnes() {
        EmbeddedChannel senderOtherDevice = tcp(SENDER.value(), "s2");
        EmbeddedChannel here = tcp(20, "d");
        fx.directory.route(SENDER, fx.routeOf(SENDER.value(), "s"), fx.routeOf(SENDER.value(), "s2"));
        fx.directory.route(new UserId(20), fx.routeOf(20, "d"));
        fx.directory.live(OTHER);
        fx.directory.route(new UserId(30), new RouteValue(OTHER, 5, 1));
        fx.directory.route(new UserId(31), new RouteValue(OTHER, 5, 2));
        fx.directory.group(new GroupId(7), SENDER, new UserId(20), new UserId(30), new UserId(31), new UserId(40), new UserId(41));

        MessageId msgId = accepted(new Target.Group(new GroupId(7)), "g-3");

        assertThat(TcpWire.read(here)).isEqualTo(new Frame.Push(msgId, BODY, true, SENDER));
        assertThat(TcpWire.read(senderOtherDevice)).as("the sender is not a target").isNull();
        assertThat(fx.directory.relays()).singleElement().satisfies(r -> {
            assertThat(r.node()).isEqualTo(OTHER);
            assertThat(r.push().targets()).containsExactly(new UserId(30), new UserId(31));
        });
        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).singleElement()
                .satisfies(e -> assertThat(e.targets()).containsExactly(new UserId(40), new UserId(41)));
        assertThat(fx.uplinks.records().getFirst().to()).isEqualTo(new Target.Group(new GroupId(7)));
    }

    @Test
    void refusesASendWhoseBodyLeavesNoRoomForThePushHeader() {
        String big = "\"" + "x".repeat(PipelineFixture.MAX_FRAME_BYTES - ChatService.PUSH_HEADROOM_BYTES) + "\"";
        // The send frame itself fits; the push it would become might not.
        sendTo(new Target.User(new UserId(20)), new RawJson(big), "big");
        runTasks();

        Frame.Error error = (Frame.Error) TcpWire.read(sender);
        assertThat(error.code()).isEqualTo(CloseCode.REJECTED.code());
        assertThat(error.message()).contains("clientMsgId=big");
        assertThat(fx.uplinks.sent()).isEmpty();
        assertThat(sender.isOpen()).isTrue();
    }

    @Test
    void unavailableKafkaFailsEveryRecord() {
        UnavailableUplinkProducer none = new UnavailableUplinkProducer("--kafka-bootstrap");
        UplinkRecord record = new UplinkRecord(UplinkRecord.Kind.UPLINK, new MessageId(1), SENDER, new DeviceId("s"), "u",
                null, BODY, PipelineFixture.NODE, Instant.now());

        assertThat(none.send(record, "t").toCompletableFuture()).isCompletedExceptionally();
        assertThat(none.send(record, "t").toCompletableFuture()).as("every time").isCompletedExceptionally();
    }

    // DESIGN 3.5: acks leave the node in batches, not one event per ack.
    @Test
    void ackFramesBecomeOneAckedEvent() {
        fx.events.clear();
        sender.writeInbound(TcpWire.frame(new Frame.Ack(new MessageId(100))));
        sender.writeInbound(TcpWire.frame(new Frame.Ack(new MessageId(101))));
        fx.acks.flushDue();
        assertThat(fx.events.all()).as("before the delay").isEmpty();

        fx.advance(PipelineFixture.ACK_DELAY);
        fx.acks.flushDue();

        assertThat(fx.events.all()).containsExactly(new FleetEvent.Acked(PipelineFixture.NODE, List.of(
                new FleetEvent.UserMessage(SENDER, new MessageId(100)), new FleetEvent.UserMessage(SENDER, new MessageId(101)))));
        assertThat(TcpWire.read(sender)).as("acks are not answered").isNull();
    }

    // PROTOCOL 3.4: a repeat of (user, device, clientMsgId) gets the first receipt and is not delivered again.
    @Test
    void aRepeatedSendIsAnsweredWithTheFirstReceiptAndNeitherProducedNorRoutedAgain() {
        EmbeddedChannel target = tcp(20, "t");
        fx.directory.route(new UserId(20), fx.routeOf(20, "t"));
        MessageId msgId = accepted(new Target.User(new UserId(20)), "r-1");
        assertThat(TcpWire.read(target)).isEqualTo(new Frame.Push(msgId, BODY, true, SENDER));

        sendTo(new Target.User(new UserId(20)), "r-1");
        runTasks();

        assertThat(TcpWire.read(sender)).isEqualTo(new Frame.Receipt("r-1", msgId, ReceiptStatus.ACCEPTED));
        assertThat(fx.uplinks.sent()).hasSize(1);
        assertThat(TcpWire.read(target)).as("delivered once").isNull();
        assertThat(fx.meters.get("edge.send.duplicates").counter().count()).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstAttemptIsInFlightWaitsForItsReceipt() {
        sendTo(new Target.User(new UserId(40)), "r-2");
        sendTo(new Target.User(new UserId(40)), "r-2");
        runTasks();
        fx.advance(ChatService.REPEAT_POLL, sender);
        assertThat(TcpWire.read(sender)).as("no receipt before Kafka answered").isNull();
        assertThat(fx.uplinks.sent()).as("the repeat waits, it does not produce").hasSize(1);

        fx.uplinks.acknowledge();
        runTasks();
        Frame.Receipt first = (Frame.Receipt) TcpWire.read(sender);
        fx.advance(ChatService.REPEAT_POLL, sender);

        assertThat(first.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(TcpWire.read(sender)).isEqualTo(first);
        assertThat(fx.uplinks.sent()).hasSize(1);
        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).as("routed once").hasSize(1);
    }

    @Test
    void aRetryAfterAFailedProduceIsProducedUnderTheSameMsgId() {
        sendTo(new Target.User(new UserId(40)), "r-3");
        fx.uplinks.fail();
        runTasks();
        Frame.Receipt failed = (Frame.Receipt) TcpWire.read(sender);
        assertThat(failed.status()).isEqualTo(ReceiptStatus.FAILED);

        MessageId msgId = accepted(new Target.User(new UserId(40)), "r-3");

        assertThat(msgId).isEqualTo(failed.msgId());
        assertThat(fx.uplinks.records()).extracting(UplinkRecord::msgId).containsExactly(msgId, msgId);
        assertThat(fx.meters.get("edge.send.resumed").counter().count()).isEqualTo(1);
    }

    // The edge that claimed it died after producing: the lease runs out and a repeat routes it, same msgId.
    @Test
    void aRepeatAfterTheFirstAttemptsLeaseRanOutIsProducedAndRoutedUnderTheSameMsgId() {
        sendTo(new Target.User(new UserId(40)), "r-4");
        runTasks();
        MessageId first = fx.uplinks.records().getFirst().msgId();
        fx.clientMessages.expireLeases();

        MessageId again = accepted(new Target.User(new UserId(40)), "r-4");

        assertThat(again).isEqualTo(first);
        assertThat(fx.uplinks.records()).extracting(UplinkRecord::msgId).containsExactly(first, first);
        // Both attempts routed it (the fake's first one was acknowledged too): one msgId, so targets keep one.
        assertThat(fx.events.of(FleetEvent.Undeliverable.class)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.msgId()).isEqualTo(first));
    }

    @Test
    void aRepeatedUplinkIsProducedOnce() {
        sender.writeInbound(TcpWire.frame(new Frame.Uplink(new RawJson("1"), "u-2")));
        fx.uplinks.acknowledge();
        runTasks();
        Frame.Receipt first = (Frame.Receipt) TcpWire.read(sender);

        sender.writeInbound(TcpWire.frame(new Frame.Uplink(new RawJson("1"), "u-2")));
        runTasks();

        assertThat(TcpWire.read(sender)).isEqualTo(first);
        assertThat(fx.uplinks.sent()).hasSize(1);
    }

    @Test
    void theSameClientMsgIdFromAnotherDeviceIsAnotherMessage() {
        EmbeddedChannel otherDevice = tcp(SENDER.value(), "s2");
        MessageId fromFirst = accepted(new Target.User(new UserId(40)), "r-5");

        otherDevice.writeInbound(TcpWire.frame(new Frame.Send(new Target.User(new UserId(40)), BODY, "r-5")));
        fx.uplinks.acknowledge();
        runTasks();

        Frame.Receipt receipt = (Frame.Receipt) TcpWire.read(otherDevice);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.msgId()).isNotEqualTo(fromFirst);
        assertThat(fx.uplinks.sent()).hasSize(2);
    }

    @Test
    void aRefusedGroupSendLeavesNoRecordSoALaterSendAsMemberGoesThrough() {
        fx.directory.group(new GroupId(8), new UserId(20));
        sendTo(new Target.Group(new GroupId(8)), "g-4");
        runTasks();
        assertThat(((Frame.Receipt) TcpWire.read(sender)).status()).isEqualTo(ReceiptStatus.NOT_MEMBER);

        fx.directory.group(new GroupId(8), new UserId(20), SENDER);
        accepted(new Target.Group(new GroupId(8)), "g-4");

        assertThat(fx.uplinks.sent()).hasSize(1);
    }

    /** Sends, lets Kafka accept, runs the loops; asserts the accepted receipt and returns its message id. */
    private MessageId accepted(Target to, String clientMsgId) {
        fx.events.clear();
        sendTo(to, clientMsgId);
        fx.uplinks.acknowledge();
        runTasks();
        Frame.Receipt receipt = (Frame.Receipt) TcpWire.read(sender);
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ACCEPTED);
        assertThat(receipt.msgId()).isEqualTo(fx.uplinks.records().getLast().msgId());
        return receipt.msgId();
    }

    private void sendTo(Target to, String clientMsgId) {
        sendTo(to, BODY, clientMsgId);
    }

    private void sendTo(Target to, RawJson body, String clientMsgId) {
        sender.writeInbound(TcpWire.frame(new Frame.Send(to, body, clientMsgId)));
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
