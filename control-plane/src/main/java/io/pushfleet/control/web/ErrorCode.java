package io.pushfleet.control.web;

/**
 * Every error code the REST API answers with, and its HTTP status. The {@link #code()} strings are a
 * public contract (docs/control-plane.md, "Errors"): add new ones, never rename or reuse one.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "invalid_request", "the request is not valid"),
    MALFORMED_JSON(400, "malformed_json", "the request body is not valid JSON"),
    INVALID_USERNAME(400, "invalid_username", "the username is not valid"),
    WEAK_PASSWORD(400, "weak_password", "the password does not meet the password rules"),
    INVALID_DEVICE_ID(400, "invalid_device_id", "the device id is not valid"),
    INVALID_USER_ID(400, "invalid_user_id", "the user id is not valid"),
    INVALID_GROUP_ID(400, "invalid_group_id", "the group id is not valid"),
    INVALID_GROUP_NAME(400, "invalid_group_name", "the group name is not valid"),
    UNKNOWN_USER(400, "unknown_user", "a user id does not belong to any account"),
    TOO_MANY_MEMBERS(400, "too_many_members", "the group would have too many members"),
    OWNER_NOT_REMOVABLE(400, "owner_not_removable", "the owner cannot be removed from the group"),
    INVALID_TARGET(400, "invalid_target", "the push needs exactly one valid target: userIds, group or all"),
    INVALID_BODY(400, "invalid_body", "the push body is missing or not acceptable"),
    INVALID_TTL(400, "invalid_ttl", "ttlSeconds is out of range"),
    INVALID_ROUTING(400, "invalid_routing", "the routing setting is not valid"),
    INVALID_CREDENTIALS(401, "invalid_credentials", "wrong username or password"),
    UNAUTHORIZED(401, "unauthorized", "missing or wrong credentials"),
    FORBIDDEN(403, "forbidden", "not allowed for this user"),
    NOT_MEMBER(403, "not_member", "only members of the group may do this"),
    NOT_OWNER(403, "not_owner", "only the owner of the group may do this"),
    INSUFFICIENT_ROLE(403, "insufficient_role", "the admin key's role does not allow this route"),
    NOT_FOUND(404, "not_found", "no such resource"),
    UNKNOWN_GROUP(404, "unknown_group", "no such group"),
    UNKNOWN_TASK(404, "unknown_task", "no such push task"),
    UNKNOWN_NODE(404, "unknown_node", "no such edge node, or it is not reporting"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed", "method not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not_acceptable", "cannot answer in a requested media type"),
    USERNAME_TAKEN(409, "username_taken", "the username is taken"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "the request body is too large"),
    BODY_TOO_LARGE(413, "body_too_large", "the push body does not fit in one frame"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "unsupported content type"),
    RATE_LIMITED(429, "rate_limited", "too many requests; retry after the Retry-After header's seconds"),
    INTERNAL_ERROR(500, "internal_error", "internal error"),
    NO_EDGE_AVAILABLE(503, "no_edge_available", "no edge node is available, retry later");

    private final int status;
    private final String code;
    private final String defaultMessage;

    ErrorCode(int status, String code, String defaultMessage) {
        this.status = status;
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** A message for when there is nothing more specific to say; never mentions internals. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** The code for a bare HTTP status raised by the framework (no route, wrong method, ...). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 400 && status < 500 ? INVALID_REQUEST : INTERNAL_ERROR;
        };
    }
}
