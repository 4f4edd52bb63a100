package io.pushfleet.control.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes an {@link ApiError} straight onto a Vert.x response, for the refusals made before a request
 * reaches a REST resource (admin key, body size, unknown route). Resources throw {@link ApiException}
 * instead and {@link ErrorMappers} answers.
 */
@ApplicationScoped
public class ErrorWriter {

    private final ObjectMapper mapper;

    public ErrorWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Ends the response with {@code code}'s status and an error body; does nothing if it has already ended. */
    public void write(RoutingContext rc, ErrorCode code, String message) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(toJson(new ApiError(code.code(), message, RequestTrace.id(rc))));
    }

    String toJson(ApiError error) {
        try {
            return mapper.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            // A record of three strings always serialises; this is unreachable short of a broken mapper.
            throw new IllegalStateException("cannot serialise error body", e);
        }
    }
}
