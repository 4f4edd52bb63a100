package io.pushfleet.edge.chat;

import io.netty.channel.Channel;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.edge.session.Session;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.MessageIdGenerator;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.kafka.UplinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * PROTOCOL 3.4: a client's {@code send} and {@code uplink}. Each gets a message id from this node's generator
 * and is produced to Kafka as an {@link UplinkRecord} (DESIGN 3.8); the sender's {@code receipt} is written
 * only once Kafka acknowledged it ({@code accepted}) or failed ({@code failed}). A {@code send} then goes to
 * its targets through the {@link ChatRouter}. A group {@code send} is checked first, before anything is
 * produced: an unknown group is answered {@code unknown_target}, a sender outside it {@code not_member}.
 *
 * <p>Called on the sender's event loop; never blocks it. Receipts hop back to that loop.
 */
public final class ChatService {

    /**
     * Room the push frame's own fields take around a body: the JSON mapping
     * {@code {"v":1,"type":"push","msgId":"<19 digits>","body":…,"needsAck":true,"from":<19 digits>}} is 102 bytes,
     * the binary codec 23. A {@code send} whose body leaves less than this under the frame limit could be
     * accepted but never delivered, so it is refused.
     */
    static final int PUSH_HEADROOM_BYTES = 128;

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final NodeId node;
    private final ChatDirectory directory;
    private final ChatRouter router;
    private final UplinkProducer uplinks;
    private final MessageIdGenerator ids;
    private final int maxBodyBytes;
    private final Clock clock;
    private final EdgeMetrics metrics;
    private final LogThrottle failures = new LogThrottle(Duration.ofSeconds(10));

    public ChatService(NodeId node, ChatDirectory directory, ChatRouter router, UplinkProducer uplinks,
                       MessageIdGenerator ids, int maxFrameBytes, Clock clock, EdgeMetrics metrics) {
        this.node = requireNonNull(node, "node");
        this.directory = requireNonNull(directory, "directory");
        this.router = requireNonNull(router, "router");
        this.uplinks = requireNonNull(uplinks, "uplinks");
        this.ids = requireNonNull(ids, "ids");
        this.maxBodyBytes = maxFrameBytes - PUSH_HEADROOM_BYTES;
        this.clock = requireNonNull(clock, "clock");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** PROTOCOL 3.4: chat to a user or a group. {@code session} is authenticated. */
    public void send(Session session, Frame.Send send) {
        int bodyBytes = utf8Length(send.body().json());
        if (bodyBytes > maxBodyBytes) {
            // PROTOCOL 3.4: a body that leaves no room for the push header is refused, never half-accepted.
            session.channel().writeAndFlush(new Frame.Error(CloseCode.REJECTED, "send clientMsgId=" + send.clientMsgId()
                    + ": body " + bodyBytes + " bytes (expected: <= " + maxBodyBytes + ")"), session.channel().voidPromise());
            return;
        }
        MessageId msgId = ids.next();
        String traceId = TraceIds.generate();
        UplinkRecord record = new UplinkRecord(UplinkRecord.Kind.SEND, msgId, session.userId(), session.deviceId(),
                send.clientMsgId(), send.to(), send.body(), node, clock.instant());
        ChatMessage msg = new ChatMessage(msgId, session.userId(), send.body(), traceId);
        switch (send.to()) {
            case Target.User u -> produce(session, record, traceId, () -> router.toUsers(msg, List.of(u.userId())));
            case Target.Group g -> directory.membership(g.groupId(), session.userId()).whenComplete((m, error) -> {
                if (error != null) {
                    failed("group lookup", msgId, traceId, error);
                    receipt(session, send.clientMsgId(), msgId, ReceiptStatus.FAILED);
                    return;
                }
                switch (m) {
                    case UNKNOWN_GROUP -> receipt(session, send.clientMsgId(), msgId, ReceiptStatus.UNKNOWN_TARGET);
                    case NOT_MEMBER -> receipt(session, send.clientMsgId(), msgId, ReceiptStatus.NOT_MEMBER);
                    case MEMBER -> produce(session, record, traceId, () -> router.toGroup(msg, g.groupId()));
                }
            });
        }
    }

    /** PROTOCOL 3.4: telemetry for the backend; Kafka only. */
    public void uplink(Session session, Frame.Uplink uplink) {
        MessageId msgId = ids.next();
        UplinkRecord record = new UplinkRecord(UplinkRecord.Kind.UPLINK, msgId, session.userId(), session.deviceId(),
                uplink.clientMsgId(), null, uplink.body(), node, clock.instant());
        produce(session, record, TraceIds.generate(), null);
    }

    /** Produces, answers the sender, then (if accepted) runs {@code then}: the routing, on Kafka's thread. */
    private void produce(Session session, UplinkRecord record, String traceId, Supplier<CompletionStage<Void>> then) {
        uplinks.send(record, traceId).whenComplete((ok, error) -> {
            metrics.kafkaProduced(error == null);
            if (error != null) {
                failed("Kafka produce", record.msgId(), traceId, error);
                receipt(session, record.clientMsgId(), record.msgId(), ReceiptStatus.FAILED);
                return;
            }
            receipt(session, record.clientMsgId(), record.msgId(), ReceiptStatus.ACCEPTED);
            if (then != null) {
                route(record.msgId(), traceId, then);
            }
        });
    }

    private void route(MessageId msgId, String traceId, Supplier<CompletionStage<Void>> routing) {
        try {
            routing.get().whenComplete((ok, error) -> {
                if (error != null) {
                    failed("chat routing", msgId, traceId, error);
                }
            });
        } catch (RuntimeException e) {
            failed("chat routing", msgId, traceId, e);
        }
    }

    /** Writes the receipt on the session's event loop, unless the connection has gone meanwhile. */
    private void receipt(Session session, String clientMsgId, MessageId msgId, ReceiptStatus status) {
        metrics.receipt(status);
        Channel ch = session.channel();
        Frame.Receipt receipt = new Frame.Receipt(clientMsgId, msgId, status);
        try {
            ch.eventLoop().execute(() -> {
                if (ch.isActive() && !session.closing()) {
                    ch.writeAndFlush(receipt, ch.voidPromise());
                }
            });
        } catch (RejectedExecutionException ignored) {
            // The loop is shutting down and the connection with it: nobody to tell.
        }
    }

    private void failed(String what, MessageId msgId, String traceId, Throwable error) {
        long held = failures.admit();
        if (held >= 0) {
            log.warn("{} failed msgId={} traceId={} (and {} more failures since the last report): {}",
                    what, msgId, traceId, held, error.toString());
        }
    }

    /** Bytes of {@code text} in UTF-8, without encoding it. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
