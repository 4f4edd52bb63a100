package io.pushfleet.control.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON answers for requests no REST resource handles: a last route that answers 404, and a
 * failure handler for errors raised below the REST layer (e.g. the server-wide body limit), so that
 * no answer of this service is an HTML or empty error page.
 */
@ApplicationScoped
public class FallbackRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackRoutes.class);

    private final ErrorWriter errors;

    public FallbackRoutes(ErrorWriter errors) {
        this.errors = errors;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE)
                .handler(rc -> errors.write(rc, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.defaultMessage()));
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    private void failed(RoutingContext rc) {
        int status = rc.statusCode();
        ErrorCode code = status > 0 ? ErrorCode.forStatus(status) : ErrorCode.INTERNAL_ERROR;
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.error("request failed below the REST layer, status {}", status, rc.failure());
        }
        errors.write(rc, code, code.defaultMessage());
    }
}
