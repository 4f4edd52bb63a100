package io.pushfleet.edge.chat;

import io.netty.channel.Channel;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.edge.session.Session;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.frame.Frame;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.frame.ReceiptStatus;
import io.pushfleet.model.frame.Target;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.MessageIdGenerator;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.kafka.UplinkRecord;
import io.pushfleet.model.redis.ClientMessageState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * PROTOCOL 3.4: a client's {@code send} and {@code uplink}. Each gets a message id from this node's generator
 * and is produced to Kafka as an {@link UplinkRecord} (DESIGN 3.8); the sender's {@code receipt} is written
 * only once Kafka acknowledged it ({@code accepted}) or failed ({@code failed}). A {@code send} then goes to
 * its targets through the {@link ChatRouter}. A group {@code send} is checked first, before anything is
 * produced: an unknown group is answered {@code unknown_target}, a sender outside it {@code not_member}.
 *
 * <p>Before producing, the message is claimed in {@link ClientMessages}: a repeat of the same user, device and
 * {@code clientMsgId} (the client resending after a lost connection, on this edge or another) is answered with
 * the first receipt and neither produced nor routed again; a repeat while the first attempt is still working
 * waits for its outcome, re-asking every {@link #REPEAT_POLL}. The message is marked done only after it was
 * routed, so an edge dying between Kafka's ack and the routing leaves the lease to expire and a repeat
 * produces and routes it again, under the same msgId (receivers drop the second copy by msgId).
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
    /** How often a repeat asks again while another attempt of the same message holds the lease. */
    static final Duration REPEAT_POLL = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    private final NodeId node;
    private final ChatDirectory directory;
    private final ChatRouter router;
    private final UplinkProducer uplinks;
    private final ClientMessages clientMessages;
    private final MessageIdGenerator ids;
    private final int maxBodyBytes;
    private final Clock clock;
    private final EdgeMetrics metrics;
    private final LogThrottle failures = new LogThrottle(Duration.ofSeconds(10));

    public ChatService(NodeId node, ChatDirectory directory, ChatRouter router, UplinkProducer uplinks,
                       ClientMessages clientMessages, MessageIdGenerator ids, int maxFrameBytes, Clock clock,
                       EdgeMetrics metrics) {
        this.node = requireNonNull(node, "node");
        this.directory = requireNonNull(directory, "directory");
        this.router = requireNonNull(router, "router");
        this.uplinks = requireNonNull(uplinks, "uplinks");
        this.clientMessages = requireNonNull(clientMessages, "clientMessages");
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
        Outgoing out = new Outgoing(session, UplinkRecord.Kind.SEND, send.clientMsgId(), send.to(), send.body(),
                ids.next(), TraceIds.generate());
        switch (send.to()) {
            case Target.User u -> claim(out, msg -> router.toUsers(msg, List.of(u.userId())));
            case Target.Group g -> directory.membership(g.groupId(), session.userId()).whenComplete((m, error) -> {
                if (error != null) {
                    failed("group lookup", out.candidate(), out.traceId(), error);
                    receipt(out, out.candidate(), ReceiptStatus.FAILED);
                    return;
                }
                switch (m) {
                    case UNKNOWN_GROUP -> receipt(out, out.candidate(), ReceiptStatus.UNKNOWN_TARGET);
                    case NOT_MEMBER -> receipt(out, out.candidate(), ReceiptStatus.NOT_MEMBER);
                    case MEMBER -> claim(out, msg -> router.toGroup(msg, g.groupId()));
                }
            });
        }
    }

    /** PROTOCOL 3.4: telemetry for the backend; Kafka only. */
    public void uplink(Session session, Frame.Uplink uplink) {
        claim(new Outgoing(session, UplinkRecord.Kind.UPLINK, uplink.clientMsgId(), null, uplink.body(), ids.next(),
                TraceIds.generate()), null);
    }

    /** Claims the message, then produces it, answers a repeat with the first receipt, or waits for the attempt in flight. */
    private void claim(Outgoing out, Function<ChatMessage, CompletionStage<Void>> routing) {
        clientMessages.claim(out.key(), out.candidate()).whenComplete((state, error) -> {
            if (error != null) {
                // Without the record a repeat could not be recognised: refuse, the client retries.
                failed("client message claim", out.candidate(), out.traceId(), error);
                receipt(out, out.candidate(), ReceiptStatus.FAILED);
                return;
            }
            switch (state) {
                case ClientMessageState.Claimed c -> {
                    if (!c.msgId().equals(out.candidate())) {
                        metrics.sendResumed();
                    }
                    produce(out, c.msgId(), routing);
                }
                case ClientMessageState.Done d -> {
                    metrics.duplicateSuppressed();
                    receipt(out, d.msgId(), d.status());
                }
                case ClientMessageState.Pending p -> askAgainLater(out, routing);
            }
        });
    }

    /** On the sender's loop after {@link #REPEAT_POLL}, unless the sender is gone: nobody to answer then. */
    private void askAgainLater(Outgoing out, Function<ChatMessage, CompletionStage<Void>> routing) {
        Channel ch = out.session().channel();
        try {
            ch.eventLoop().schedule(() -> {
                if (ch.isActive() && !out.session().closing()) {
                    claim(out, routing);
                }
            }, REPEAT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // The loop is shutting down and the connection with it: nobody to answer.
        }
    }

    /** Produces under the claimed msgId, answers the sender, routes (if accepted), then records the outcome. */
    private void produce(Outgoing out, MessageId msgId, Function<ChatMessage, CompletionStage<Void>> routing) {
        Session session = out.session();
        UplinkRecord record = new UplinkRecord(out.kind(), msgId, session.userId(), session.deviceId(), out.clientMsgId(),
                out.to(), out.body(), node, clock.instant());
        uplinks.send(record, out.traceId()).whenComplete((ok, error) -> {
            metrics.kafkaProduced(error == null);
            if (error != null) {
                failed("Kafka produce", msgId, out.traceId(), error);
                remember(clientMessages.release(out.key(), msgId), msgId, out.traceId());
                receipt(out, msgId, ReceiptStatus.FAILED);
                return;
            }
            receipt(out, msgId, ReceiptStatus.ACCEPTED);
            CompletionStage<Void> routed = routing == null ? CompletableFuture.completedFuture(null)
                    : route(new ChatMessage(msgId, session.userId(), out.body(), out.traceId()), routing);
            routed.thenRun(() -> remember(clientMessages.complete(out.key(), msgId, ReceiptStatus.ACCEPTED), msgId,
                    out.traceId()));
        });
    }

    /** Completes normally once the routing has finished, whether it worked or not (a failure is logged). */
    private CompletionStage<Void> route(ChatMessage msg, Function<ChatMessage, CompletionStage<Void>> routing) {
        try {
            return routing.apply(msg).handle((ok, error) -> {
                if (error != null) {
                    failed("chat routing", msg.msgId(), msg.traceId(), error);
                }
                return null;
            });
        } catch (RuntimeException e) {
            failed("chat routing", msg.msgId(), msg.traceId(), e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Logs a failed update of the client message record; its lease then expires and a repeat takes over. */
    private void remember(CompletionStage<Void> update, MessageId msgId, String traceId) {
        update.whenComplete((ok, error) -> {
            if (error != null) {
                failed("client message update", msgId, traceId, error);
            }
        });
    }

    /** Writes the receipt on the session's event loop, unless the connection has gone meanwhile. */
    private void receipt(Outgoing out, MessageId msgId, ReceiptStatus status) {
        metrics.receipt(status);
        Session session = out.session();
        Channel ch = session.channel();
        Frame.Receipt receipt = new Frame.Receipt(out.clientMsgId(), msgId, status);
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

    /** One client message on its way: who sent it, what it is, the msgId it gets if it is new, and its trace. */
    private record Outgoing(Session session, UplinkRecord.Kind kind, String clientMsgId, Target to, RawJson body,
                            MessageId candidate, String traceId) {

        ClientMessages.Key key() {
            return new ClientMessages.Key(session.userId(), session.deviceId(), clientMsgId);
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
