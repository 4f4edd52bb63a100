package io.pushfleet.control.web;

import static java.util.Objects.requireNonNull;

/** The body of every error answer: a stable {@code code}, a human {@code message}, and the request's trace id. */
public record ApiError(String code, String message, String traceId) {

    public ApiError {
        requireNonNull(code, "code");
        requireNonNull(message, "message");
        requireNonNull(traceId, "traceId");
    }
}
