package io.pushfleet.control.web;

import static java.util.Objects.requireNonNull;

/**
 * A refusal the client is meant to see: carries the {@link ErrorCode} and a message safe to show.
 * Thrown by services, turned into an {@link ApiError} by {@link ErrorMappers}. No stack trace: it is an
 * answer, not a bug.
 */
public final class ApiException extends RuntimeException {

    private final ErrorCode errorCode;

    public ApiException(ErrorCode errorCode, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.errorCode = requireNonNull(errorCode, "errorCode");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
