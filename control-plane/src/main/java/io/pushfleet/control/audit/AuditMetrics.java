package io.pushfleet.control.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * The auditor's meters (Prometheus names in docs/control-plane.md, "Route audit"): per node the figures of the
 * last pass (only on the control plane that ran it; the others export none), repairs by kind, passes by
 * outcome, pass time, and whether this process holds the audit lease.
 */
public final class AuditMetrics {

    /** How a scheduled pass ended: the {@code outcome} tag of {@code pushfleet_audit_passes_total}. */
    public enum Outcome { AUDITED, STANDBY, FAILED }

    private final Map<Repair, Counter> repairs = new EnumMap<>(Repair.class);
    private final Map<Outcome, Counter> passes = new EnumMap<>(Outcome.class);
    private final Timer passTime;
    private final AtomicInteger leading = new AtomicInteger();
    private final MultiGauge connections;
    private final MultiGauge members;
    private final MultiGauge routes;
    private final MultiGauge stale;
    private final MultiGauge drift;

    public AuditMetrics(MeterRegistry registry) {
        for (Repair repair : Repair.values()) {
            repairs.put(repair, Counter.builder("pushfleet.audit.repairs").tag("kind", repair.tag())
                    .description("Changes the route auditor made, by kind").register(registry));
        }
        for (Outcome outcome : Outcome.values()) {
            passes.put(outcome, Counter.builder("pushfleet.audit.passes").tag("outcome", outcome.name().toLowerCase())
                    .description("Scheduled audit passes: audited, standby (another control plane holds the lease), failed")
                    .register(registry));
        }
        passTime = Timer.builder("pushfleet.audit.pass").description("Time of one audit pass").register(registry);
        Gauge.builder("pushfleet.audit.leader", leading, AtomicInteger::get)
                .description("1 while this control plane holds the audit lease").register(registry);
        connections = perNode(registry, "connections", "Connections the node reported at the last audit");
        members = perNode(registry, "members", "Members of the node's connection set after the last audit");
        routes = perNode(registry, "routes", "Members whose route names them: the node's route-table count");
        stale = perNode(registry, "stale", "Members whose route is gone or names another connection");
        drift = perNode(registry, "drift", "Reported connections minus the node's route-table count");
    }

    public void repaired(Repair repair, long count) {
        if (count > 0) {
            repairs.get(repair).increment(count);
        }
    }

    public void pass(Outcome outcome) {
        passes.get(outcome).increment();
        if (outcome != Outcome.FAILED) {
            leading.set(outcome == Outcome.AUDITED ? 1 : 0);
        }
        if (outcome == Outcome.STANDBY) {
            show(List.of());
        }
    }

    public void passTook(Duration elapsed) {
        passTime.record(elapsed);
    }

    /** Replaces the per-node gauges with the nodes of this pass; nodes no longer audited disappear. */
    public void show(List<AuditReport.NodeAudit> nodes) {
        set(connections, nodes, AuditReport.NodeAudit::connections);
        set(members, nodes, AuditReport.NodeAudit::members);
        set(routes, nodes, AuditReport.NodeAudit::routes);
        set(stale, nodes, AuditReport.NodeAudit::stale);
        set(drift, nodes, AuditReport.NodeAudit::drift);
    }

    private static MultiGauge perNode(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder("pushfleet.audit.node." + name).description(description).register(registry);
    }

    private static void set(MultiGauge gauge, List<AuditReport.NodeAudit> nodes, ToLongFunction<AuditReport.NodeAudit> value) {
        gauge.register(nodes.stream()
                .map(n -> MultiGauge.Row.of(Tags.of("node", n.nodeId()), value.applyAsLong(n)))
                .toList(), true);
    }
}
