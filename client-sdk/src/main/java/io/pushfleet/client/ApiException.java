package io.pushfleet.client;

import static java.util.Objects.requireNonNull;

/**
 * The control plane answered with an error: the HTTP status and the body's stable {@code code},
 * {@code message} and {@code traceId} (REST errors are {@code {code, message, traceId}}). Branch on
 * {@link #status()} and {@link #code()}, never on the message. A response that is not in the expected
 * shape, success or error, arrives here with the code {@value #UNEXPECTED_RESPONSE}.
 */
public final class ApiException extends RuntimeException {

    /** The response did not have the documented shape (for example an HTML page from a proxy). */
    public static final String UNEXPECTED_RESPONSE = "unexpected_response";

    private final int status;
    private final String code;
    private final String errorMessage;
    private final String traceId;

    /** {@code traceId} may be null when the response had none. */
    public ApiException(int status, String code, String errorMessage, String traceId) {
        super(describe(status, code, errorMessage, traceId));
        this.status = status;
        this.code = requireNonNull(code, "code");
        this.errorMessage = requireNonNull(errorMessage, "errorMessage");
        this.traceId = traceId;
    }

    private static String describe(int status, String code, String message, String traceId) {
        return "HTTP " + status + " " + code + ": " + message + (traceId == null ? "" : " (traceId=" + traceId + ")");
    }

    public int status() {
        return status;
    }

    /** The stable error code, for example {@code bad_credentials} or {@code no_edge_available}. */
    public String code() {
        return code;
    }

    /** The human-readable message from the error body, without status or code. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The trace id to quote when asking the operators, or null. */
    public String traceId() {
        return traceId;
    }
}
