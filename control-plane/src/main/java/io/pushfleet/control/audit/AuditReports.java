package io.pushfleet.control.audit;

import java.time.Duration;
import java.util.Optional;

/** Where the auditing control plane leaves its last {@link AuditReport} for all of them. Blocking. */
public interface AuditReports {

    /** Replaces the last report; it disappears after {@code ttl} unless replaced again. */
    void publish(AuditReport report, Duration ttl);

    /** The last report, empty when none is recent or it cannot be read. */
    Optional<AuditReport> latest();
}
