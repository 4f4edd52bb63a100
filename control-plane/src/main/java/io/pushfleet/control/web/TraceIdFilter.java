package io.pushfleet.control.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.MDC;

/**
 * Gives every request a trace id before anything else runs (DESIGN 3.11): the caller's
 * {@code traceparent} trace id when valid, else a fresh one; it goes into the MDC and the
 * {@code X-Trace-Id} response header.
 */
@ApplicationScoped
public class TraceIdFilter {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            RequestTrace.begin(rc);
            rc.addEndHandler(ignored -> MDC.remove(TraceIds.MDC_KEY));
            rc.next();
        }, FilterPriorities.TRACE_ID);
    }
}
