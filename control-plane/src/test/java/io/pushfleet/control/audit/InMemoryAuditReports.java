package io.pushfleet.control.audit;

import java.time.Duration;
import java.util.Optional;

/** {@link AuditReports} in memory: the last report published. */
final class InMemoryAuditReports implements AuditReports {

    private AuditReport last;

    @Override
    public void publish(AuditReport report, Duration ttl) {
        last = report;
    }

    @Override
    public Optional<AuditReport> latest() {
        return Optional.ofNullable(last);
    }
}
