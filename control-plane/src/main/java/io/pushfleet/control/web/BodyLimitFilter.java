package io.pushfleet.control.web;

import io.pushfleet.control.config.PushConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses auth requests whose declared {@code Content-Length} is over {@code push.http.auth-max-body}
 * with 413 {@code payload_too_large}, before any byte of the body is read. Bodies without a length
 * (chunked) are bounded by the server-wide {@code quarkus.http.limits.max-body-size} instead.
 */
@ApplicationScoped
public class BodyLimitFilter {

    static final String AUTH_PREFIX = "/api/auth/";

    private final long authMaxBytes;
    private final ErrorWriter errors;

    public BodyLimitFilter(PushConfig config, ErrorWriter errors) {
        this.authMaxBytes = config.http().authMaxBody().asLongValue();
        this.errors = errors;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, FilterPriorities.BODY_LIMIT);
    }

    private void check(RoutingContext rc) {
        if (rc.normalizedPath().startsWith(AUTH_PREFIX)) {
            long declared = declaredLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (declared > authMaxBytes) {
                errors.write(rc, ErrorCode.PAYLOAD_TOO_LARGE,
                        "request body: " + declared + " bytes (expected: <= " + authMaxBytes + ")");
                return;
            }
        }
        rc.next();
    }

    /** The declared length, -1 when absent; an unparseable value counts as too large. */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
