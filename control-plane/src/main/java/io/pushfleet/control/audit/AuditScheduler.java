package io.pushfleet.control.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.push.FleetEventHandler;
import io.pushfleet.control.push.ProcessIdentity;
import io.pushfleet.control.push.RouteLookup;
import io.pushfleet.control.registry.RegistryService;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Runs the {@link RouteAuditor} every {@code push.audit.interval} when {@code push.audit.enabled}; every control
 * plane tries, the holder of the audit lease audits. Gives the lease up at shutdown. The auditor is wired here
 * from its Redis ports and the push feature's offline path, so it stays a plain class for unit tests. Built at
 * startup, so invalid {@code push.audit.*} settings stop the start.
 */
@Startup
@ApplicationScoped
public class AuditScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(AuditScheduler.class);

    private final RouteAuditor auditor;
    private final AuditMetrics metrics;
    private final boolean enabled;

    public AuditScheduler(AuditConfig config, PushConfig push, RegistryService registry, NodeSets sets,
                          CommandStreams streams, AuditReports reports, FleetEventHandler events,
                          RouteLookup routes, RedisDataSource redis, ProcessIdentity identity, MeterRegistry meters,
                          Clock clock) {
        if (!config.problems().isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", config.problems()));
        }
        UnreadCommands unread = new UnreadCommands() {
            @Override
            public int store(NodeId deadNode, PushCommand command) {
                return events.storeUnread(deadNode, command);
            }

            @Override
            public void replay(UserId user, NodeId node) {
                events.replay(user, node);
            }
        };
        LeaseLock lock = new RedisLeaseLock(redis, RedisKeys.AUDIT_LOCK, identity.name(), config.lockLease());
        this.metrics = new AuditMetrics(meters);
        this.auditor = new RouteAuditor(new RouteAuditor.Ports(registry, sets, streams, unread, routes, lock, reports),
                metrics, clock, push.routing().nodeTtl(), config.interval(), config.batchSize(),
                config.maxStreamEntriesPerPass(), identity.name());
        this.enabled = config.enabled();
        LOG.info("route audit enabled={} interval={} lockLease={} batchSize={}", enabled, config.interval(),
                config.lockLease(), config.batchSize());
    }

    /** The auditor itself, for tests that run passes on demand. */
    public RouteAuditor auditor() {
        return auditor;
    }

    @Scheduled(identity = "route-audit", every = "${push.audit.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void auditPeriodically() {
        if (!enabled) {
            return;
        }
        try {
            auditor.runPass();
        } catch (RuntimeException e) {
            metrics.pass(AuditMetrics.Outcome.FAILED);
            LOG.warn("route audit pass failed, retrying next interval: {}", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            auditor.stop();
        } catch (RuntimeException e) {
            LOG.debug("could not release the audit lease (it runs out by itself): {}", e.toString());
        }
    }
}
