package io.pushfleet.control.web;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.MDC;

/**
 * Where the current request's trace id is kept: in the routing context (for Vert.x handlers) and in
 * the MDC (for logs, and for code running on a worker thread of the same request).
 */
public final class RequestTrace {

    static final String CONTEXT_KEY = "pushfleet.traceId";

    private RequestTrace() {
    }

    /**
     * Sets the request's trace id, early, from its {@code traceparent} header if valid. Idempotent: a
     * rerouted request (e.g. {@code /health/live}) passes the filters again and keeps its id.
     */
    static String begin(RoutingContext rc) {
        String existing = rc.get(CONTEXT_KEY);
        String traceId = existing != null ? existing
                : TraceIds.forRequest(rc.request().getHeader(TraceIds.TRACEPARENT_HEADER));
        rc.put(CONTEXT_KEY, traceId);
        MDC.put(TraceIds.MDC_KEY, traceId);
        rc.response().putHeader(TraceIds.RESPONSE_HEADER, traceId);
        return traceId;
    }

    /** The trace id of the request {@code rc} belongs to. */
    public static String id(RoutingContext rc) {
        String traceId = rc.get(CONTEXT_KEY);
        return traceId != null ? traceId : current();
    }

    /**
     * The trace id of the request being served on this thread, from the MDC; a fresh one (and a logged
     * gap in tracing) only if the request somehow bypassed {@link TraceIdFilter}.
     */
    public static String current() {
        String traceId = MDC.get(TraceIds.MDC_KEY);
        return traceId != null ? traceId : TraceIds.generate();
    }
}
