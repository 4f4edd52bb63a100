package io.pushfleet.edge.delivery;

import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.EdgeMetrics.PushSource;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.model.codec.ProtocolException;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.NodeCommands;
import io.pushfleet.model.redis.PushCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Delivers {@link PushCommand} entries read from this node's command stream and from the broadcast stream,
 * and reports each (DESIGN 3.5):
 * <ul>
 *   <li>with {@code report} (the control plane's admin pushes and offline replays): {@code delivered} events
 *       with the written and absent targets, at most 1000 users per event;</li>
 *   <li>without (chat another edge relayed here): only targets with no writable device here, as
 *       {@code undeliverable}, so the control plane stores them for re-push.</li>
 * </ul>
 * A broadcast reports the users it was written to, nobody absent.
 *
 * <p>Entries are handed to the event loops without waiting for them, but at most {@code maxInFlight} at a
 * time: a reader catching up on a long stream blocks (its own thread) instead of queueing unbounded tasks and
 * encoded buffers on the loops. Call {@link #push} and {@link #broadcast} from the stream readers only.
 */
public final class PushDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    private static final long PERMIT_WAIT_SECONDS = 5;

    private final NodeId node;
    private final LocalDelivery delivery;
    private final EventStream events;
    private final EdgeMetrics metrics;
    private final Semaphore inFlight;
    private final LogThrottle refusals = new LogThrottle(Duration.ofSeconds(10));

    public PushDispatcher(NodeId node, LocalDelivery delivery, EventStream events, EdgeMetrics metrics, int maxInFlight) {
        this.node = requireNonNull(node, "node");
        this.delivery = requireNonNull(delivery, "delivery");
        this.events = requireNonNull(events, "events");
        this.metrics = requireNonNull(metrics, "metrics");
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** A push entry of this node's command stream: to the listed users' devices here. */
    public void push(PushCommand cmd) {
        metrics.pushEntry(PushSource.NODE);
        Permit permit = acquire();
        try {
            delivery.deliver(cmd.frame(), cmd.targets(), outcome -> {
                permit.release();
                report(cmd, outcome);
            });
        } catch (ProtocolException e) {
            permit.release();
            refused(cmd, e);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    /** An entry of the broadcast stream, by its raw fields; entries of other types are skipped. */
    public void onBroadcastEntry(String entryId, Map<String, String> fields) {
        if (!PushCommand.TYPE.equals(fields.get(NodeCommands.TYPE))) {
            log.debug("skipped broadcast entry={} type={}", entryId, fields.get(NodeCommands.TYPE));
            return;
        }
        broadcast(PushCommand.fromFields(fields));
    }

    /** A broadcast: to every authenticated connection here. */
    public void broadcast(PushCommand cmd) {
        metrics.pushEntry(PushSource.BROADCAST);
        long start = System.nanoTime();
        Permit permit = acquire();
        try {
            delivery.broadcast(cmd.frame(), outcome -> {
                permit.release();
                metrics.broadcastFanOut(Duration.ofNanos(System.nanoTime() - start));
                log.debug("broadcast msgId={} taskId={} traceId={} users={} writes={} loops={}", cmd.msgId(), cmd.taskId(),
                        cmd.traceId(), outcome.users().length, outcome.writes(), outcome.loops());
                if (cmd.report()) {
                    publish(DeliveryReports.broadcastDelivered(node, cmd.msgId(), cmd.taskId(), cmd.traceId(),
                            outcome.users()));
                }
            });
        } catch (ProtocolException e) {
            permit.release();
            refused(cmd, e);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    private void report(PushCommand cmd, LocalDelivery.Outcome outcome) {
        if (cmd.report()) {
            publish(DeliveryReports.delivered(node, cmd.msgId(), cmd.taskId(), cmd.traceId(), outcome.written(),
                    outcome.absent()));
        } else if (!outcome.absent().isEmpty()) {
            if (cmd.from() == null) {
                log.debug("no sender to report absent targets msgId={} count={}", cmd.msgId(), outcome.absent().size());
                return;
            }
            publish(DeliveryReports.undeliverable(node, cmd.msgId(), cmd.from(), outcome.absent(), cmd.body(), cmd.traceId()));
        }
    }

    private void publish(List<? extends FleetEvent> list) {
        for (FleetEvent e : list) {
            events.publish(e);
        }
    }

    /**
     * A frame over the limit can never reach a client here; it is not reported (the control plane is expected
     * to refuse such bodies at its ingress), only counted in the logs.
     */
    private void refused(PushCommand cmd, ProtocolException e) {
        long held = refusals.admit();
        if (held >= 0) {
            log.warn("push not delivered msgId={} taskId={} traceId={} (and {} more since the last report): {}",
                    cmd.msgId(), cmd.taskId(), cmd.traceId(), held, e.getMessage());
        }
    }

    private Permit acquire() {
        try {
            if (inFlight.tryAcquire(PERMIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return new Permit(true);
            }
            log.warn("push fan-out backlog: no result for {} s; continuing without waiting nodeId={}", PERMIT_WAIT_SECONDS, node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Permit(false);
    }

    /** One entry's place in the in-flight bound; released once, whichever path gets there first. */
    private final class Permit {
        private final AtomicBoolean held;

        Permit(boolean held) {
            this.held = new AtomicBoolean(held);
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                inFlight.release();
            }
        }
    }
}
