package io.pushfleet.control.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * Turns every exception that leaves a REST resource into an {@link ApiError} body. Messages are
 * written here or by the service that refused; exception texts and class names never reach the
 * client, because they leak internals and change between library versions.
 */
public class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
    static final String BEARER_CHALLENGE = "Bearer realm=\"pushfleet\"";

    @ServerExceptionMapper
    public RestResponse<ApiError> refused(ApiException e) {
        if (e.errorCode() == ErrorCode.UNAUTHORIZED) {
            // RFC 6750 3: a refused bearer token is answered with the scheme the client must use.
            return builder(e.errorCode(), e.getMessage()).header("WWW-Authenticate", BEARER_CHALLENGE).build();
        }
        return answer(e.errorCode(), e.getMessage());
    }

    /** Too many attempts: the client learns when to come back (RFC 9110 10.2.3, RFC 6585 4). */
    @ServerExceptionMapper
    public RestResponse<ApiError> rateLimited(RateLimitedException e) {
        return builder(ErrorCode.RATE_LIMITED, e.getMessage())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
    }

    /** Syntax errors in the body (Jackson reports them as {@code JsonProcessingException}). */
    @ServerExceptionMapper
    public RestResponse<ApiError> malformedJson(JsonProcessingException e) {
        return answer(ErrorCode.MALFORMED_JSON, ErrorCode.MALFORMED_JSON.defaultMessage());
    }

    /** Well-formed JSON of the wrong shape, e.g. an object where a string belongs. */
    @ServerExceptionMapper
    public RestResponse<ApiError> mismatchedJson(MismatchedInputException e) {
        String field = fieldPath(e);
        String message = field.isEmpty() ? "the request body does not have the expected shape"
                : "field '" + field + "' has the wrong type";
        return answer(ErrorCode.MALFORMED_JSON, message);
    }

    /** Statuses raised by the framework itself: no route, wrong method, wrong media type. */
    @ServerExceptionMapper
    public RestResponse<ApiError> framework(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatched ? mismatchedJson(mismatched) : malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.error("request failed with status {}", status, e);
        }
        RestResponse.ResponseBuilder<ApiError> builder = builder(code, code.defaultMessage());
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    /** Anything else is a bug or an outage: logged in full here, answered without details. */
    @ServerExceptionMapper
    public RestResponse<ApiError> unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        return answer(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage());
    }

    static RestResponse<ApiError> answer(ErrorCode code, String message) {
        return builder(code, message).build();
    }

    private static RestResponse.ResponseBuilder<ApiError> builder(ErrorCode code, String message) {
        return RestResponse.ResponseBuilder
                .create(RestResponse.Status.fromStatusCode(code.status()),
                        new ApiError(code.code(), message, RequestTrace.current()))
                .type(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
