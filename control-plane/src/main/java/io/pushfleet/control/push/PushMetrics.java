package io.pushfleet.control.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The push feature's meters (Prometheus names in docs/control-plane.md, "Metrics"): tasks accepted by
 * target kind, targets entering each delivery state, events processed by type, routing time, and the
 * events consumer's lag and pending count as last sampled.
 */
@ApplicationScoped
public class PushMetrics {

    private final MeterRegistry registry;
    private final Map<TargetKind, Counter> accepted = new EnumMap<>(TargetKind.class);
    private final Map<DeliveryState, Counter> transitions = new EnumMap<>(DeliveryState.class);
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Timer routing;
    private final Counter replayed;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TargetKind kind : TargetKind.values()) {
            accepted.put(kind, Counter.builder("pushfleet.push.accepted").tag("target", kind.dbValue())
                    .description("Push tasks accepted (stored) by target kind").register(registry));
        }
        for (DeliveryState state : DeliveryState.values()) {
            transitions.put(state, Counter.builder("pushfleet.push.targets").tag("state", state.apiName())
                    .description("Push targets that entered a delivery state").register(registry));
        }
        this.routing = Timer.builder("pushfleet.push.routing").description("Time from claiming a task to routed")
                .register(registry);
        this.replayed = Counter.builder("pushfleet.push.replayed")
                .description("Stored messages sent again to a user who connected").register(registry);
        Gauge.builder("pushfleet.push.events.lag", lag, AtomicLong::get)
                .description("Events stream entries not yet read by the consumer group (XINFO GROUPS lag)")
                .register(registry);
        Gauge.builder("pushfleet.push.events.pending", pending, AtomicLong::get)
                .description("Events read by a consumer and not acknowledged yet").register(registry);
    }

    public void accepted(TargetKind kind) {
        accepted.get(kind).increment();
    }

    public void entered(DeliveryState state, long count) {
        if (count > 0) {
            transitions.get(state).increment(count);
        }
    }

    /** One event handled; {@code type} is the event's name, or {@code malformed} or {@code failed}. */
    public void event(String type) {
        events.computeIfAbsent(type, t -> Counter.builder("pushfleet.push.events").tag("type", t)
                .description("Events stream entries processed, by event type").register(registry)).increment();
    }

    public void routed(Duration elapsed) {
        routing.record(elapsed);
    }

    public void replayed(long count) {
        replayed.increment(count);
    }

    public void consumerBacklog(long lagEntries, long pendingEntries) {
        lag.set(lagEntries);
        pending.set(pendingEntries);
    }
}
