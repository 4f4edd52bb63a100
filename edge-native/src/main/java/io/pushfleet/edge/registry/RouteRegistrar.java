package io.pushfleet.edge.registry;

import io.pushfleet.edge.delivery.EventStream;
import io.pushfleet.edge.health.EdgeMetrics;
import io.pushfleet.edge.health.EdgeMetrics.RouteWrite;
import io.pushfleet.edge.health.LogThrottle;
import io.pushfleet.edge.session.ConnectionRegistry;
import io.pushfleet.edge.session.Session;
import io.pushfleet.edge.session.SessionCloser;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.redis.FleetEvent;
import io.pushfleet.model.redis.RouteValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the route table in step with this node's authenticated connections (PROTOCOL 3.2). On
 * {@link #register} the device's route points here; if it replaced a route of the same device, the older
 * connection is closed with REPLACED: directly when it is on this node's current run, through a kick on the
 * owner's command stream when it is on another node. A route of an earlier run of this node id needs no kick
 * (that run is gone). Once the route is set, a {@code connected} event tells the control plane (which replays
 * the user's stored messages through this node's stream; DESIGN 3.6). On {@link #unregister} the route is
 * compare-and-deleted. If the route cannot be written the new connection closes with INTERNAL_ERROR, so no
 * client stays connected unroutable. Every failed write counts in {@code edge_route_writes_failed_total}.
 * Thread-safe; never blocks the caller.
 *
 * <p>Route writes are sent together: the first register or unregister after a flush schedules one
 * {@link RouteTable#flush} on the event loop of its connection, which runs once that loop has handled the rest
 * of its ready sockets, so a burst of connects costs one write to Redis per loop turn, not one per command.
 */
public final class RouteRegistrar {

    private static final Logger log = LoggerFactory.getLogger(RouteRegistrar.class);

    private final NodeId nodeId;
    private final long bootEpoch;
    private final RouteTable routes;
    private final ConnectionRegistry connections;
    private final SessionCloser closer;
    private final EventStream events;
    private final EdgeMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    // a Redis outage or a mass disconnect fails thousands of writes at once: one line per 10 s, with a count
    private final LogThrottle writeFailures = new LogThrottle(Duration.ofSeconds(10));
    private final LogThrottle deleteFailures = new LogThrottle(Duration.ofSeconds(10));

    public RouteRegistrar(NodeId nodeId, long bootEpoch, RouteTable routes, ConnectionRegistry connections,
                          SessionCloser closer, EventStream events, EdgeMetrics metrics) {
        this.nodeId = requireNonNull(nodeId, "nodeId");
        this.bootEpoch = bootEpoch;
        this.routes = requireNonNull(routes, "routes");
        this.connections = requireNonNull(connections, "connections");
        this.closer = requireNonNull(closer, "closer");
        this.events = requireNonNull(events, "events");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /** The route value naming {@code session} on this node's current run. */
    public RouteValue routeOf(Session session) {
        return new RouteValue(nodeId, bootEpoch, session.connId());
    }

    public void register(Session session) {
        RouteValue route = routeOf(session);
        inFlight.incrementAndGet();
        routes.register(session.userId(), session.deviceId(), route).whenComplete((previous, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                metrics.routeWriteFailed(RouteWrite.SET);
                long held = writeFailures.admit();
                if (held >= 0) {
                    log.warn("route write failed userId={} deviceId={} connId={} (and {} more since the last report): {}",
                            session.userId(), session.deviceId(), session.connId(), held, error.toString());
                }
                closer.close(session, CloseCode.INTERNAL_ERROR, "route table unavailable");
                return;
            }
            events.publish(new FleetEvent.Connected(nodeId, session.userId(), session.deviceId(), session.connId()));
            previous.filter(p -> !p.equals(route)).ifPresent(p -> replaced(session, p));
        });
        flushSoon(session);
    }

    public void unregister(Session session) {
        RouteValue route = routeOf(session);
        inFlight.incrementAndGet();
        routes.unregister(session.userId(), session.deviceId(), route).whenComplete((deleted, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                metrics.routeWriteFailed(RouteWrite.DELETE);
                long held = deleteFailures.admit();
                if (held >= 0) {
                    log.warn("route delete failed userId={} deviceId={} connId={} (and {} more since the last report; the"
                            + " shutdown sweep, next start or route audit removes them): {}",
                            session.userId(), session.deviceId(), session.connId(), held, error.toString());
                }
            }
        });
        flushSoon(session);
    }

    /**
     * One flush per loop turn: the flag is cleared before flushing, so a write held back after the clear
     * schedules the next flush, and a write of another loop made before it goes out with this one.
     */
    private void flushSoon(Session session) {
        if (!flushScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            session.channel().eventLoop().execute(flushTask);
        } catch (RejectedExecutionException e) {
            flush(); // the loop is shutting down: send now rather than never
        }
    }

    private void flush() {
        flushScheduled.set(false);
        routes.flush();
    }

    /** Waits up to {@code timeout} for route writes in flight to finish; true when none is left. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return inFlight.get() == 0;
    }

    private void replaced(Session session, RouteValue previous) {
        if (previous.nodeId().equals(nodeId)) {
            if (previous.bootEpoch() != bootEpoch) {
                return;
            }
            Session older = connections.find(session.userId(), previous.connId());
            if (older != null && older != session) {
                closer.close(older, CloseCode.REPLACED, "replaced by a newer connection of the same device");
            }
            return;
        }
        routes.kick(session.userId(), session.deviceId(), previous).whenComplete((ignored, error) -> {
            if (error != null) {
                metrics.routeWriteFailed(RouteWrite.KICK);
                log.warn("kick failed userId={} deviceId={} nodeId={}: {}",
                        session.userId(), session.deviceId(), previous.nodeId(), error.toString());
            }
        });
    }
}
