package io.pushfleet.control.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.frame.RawJson;
import io.pushfleet.model.id.GroupId;

import java.time.Duration;

/**
 * Checks a {@link PushRequest} and turns it into a {@link PushSpec}, or refuses it with a stable code:
 * {@code invalid_target} (no target kind, two of them, an empty or too long list, an id that is not a
 * positive integer, {@code all} other than {@code true}), {@code invalid_body}, {@code invalid_ttl},
 * {@code invalid_request} ({@code needsAck} not a boolean) and {@code body_too_large}. Checks run in that
 * order; the first failure is the answer. Whether a group exists is the caller's question.
 */
public final class PushValidator {

    /**
     * Room left in the frame for everything but the body: the JSON push frame's own fields (type, a 19-digit
     * msgId, needsAck, from) take about 100 bytes, the binary header 23.
     */
    static final int FRAME_OVERHEAD_BYTES = 256;
    /**
     * Deepest body accepted. PROTOCOL 2 allows 64 levels per JSON frame, and the push frame's own object is
     * one of them, so a body of 64 levels would reach a JSON client as a frame of 65.
     */
    static final int MAX_BODY_DEPTH = 63;

    private final int maxTargets;
    private final long maxBodyBytes;
    private final Duration defaultTtl;
    private final Duration maxTtl;

    public PushValidator(int maxTargets, long maxFrameBytes, Duration defaultTtl, Duration maxTtl) {
        this.maxTargets = maxTargets;
        this.maxBodyBytes = maxFrameBytes - FRAME_OVERHEAD_BYTES;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    public PushSpec validate(PushRequest request) {
        if (request == null) {
            throw new ApiException(ErrorCode.INVALID_TARGET, "request body: missing (expected: a JSON object)");
        }
        TargetKind kind = kind(request);
        TargetList users = kind == TargetKind.USERS ? users(request.userIds()) : null;
        GroupId group = kind == TargetKind.GROUP ? group(request.group()) : null;
        RawJson body = body(request.body());
        Duration ttl = ttl(request.ttlSeconds());
        boolean needsAck = needsAck(request.needsAck());
        long bytes = request.body().utf8Length();
        if (bytes > maxBodyBytes) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "body: " + bytes + " bytes (expected: <= " + maxBodyBytes
                    + ", the frame limit less " + FRAME_OVERHEAD_BYTES + " bytes for the frame's other fields)");
        }
        return new PushSpec(kind, users, group, body, ttl, needsAck);
    }

    private static TargetKind kind(PushRequest request) {
        int given = (request.userIds() != null ? 1 : 0) + (present(request.group()) ? 1 : 0)
                + (present(request.all()) ? 1 : 0);
        if (given != 1) {
            throw new ApiException(ErrorCode.INVALID_TARGET, "target: " + given
                    + " of userIds, group, all given (expected: exactly one)");
        }
        if (request.userIds() != null) {
            return TargetKind.USERS;
        }
        if (present(request.group())) {
            return TargetKind.GROUP;
        }
        if (!request.all().isBoolean() || !request.all().booleanValue()) {
            throw new ApiException(ErrorCode.INVALID_TARGET, "all: " + shown(request.all()) + " (expected: true)");
        }
        return TargetKind.ALL;
    }

    private TargetList users(UserIdList list) {
        if (list.problem() != null) {
            throw new ApiException(ErrorCode.INVALID_TARGET, list.problem());
        }
        TargetList users = TargetList.of(list.ids(), list.count());
        if (users.size() == 0 || users.size() > maxTargets) {
            throw new ApiException(ErrorCode.INVALID_TARGET, "userIds: " + users.size()
                    + " distinct ids (expected: 1.." + maxTargets + ")");
        }
        return users;
    }

    private static GroupId group(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw new ApiException(ErrorCode.INVALID_TARGET, "group: " + shown(node) + " (expected: a positive group id)");
        }
        return new GroupId(node.longValue());
    }

    private static RawJson body(JsonBody body) {
        if (body == null || body.json().equals("null")) {
            throw new ApiException(ErrorCode.INVALID_BODY, "body: missing (expected: a JSON value other than null)");
        }
        if (body.depth() > MAX_BODY_DEPTH) {
            throw new ApiException(ErrorCode.INVALID_BODY, "body: nests " + body.depth() + " levels (expected: <= "
                    + MAX_BODY_DEPTH + ")");
        }
        return new RawJson(body.json());
    }

    private Duration ttl(JsonNode node) {
        if (!present(node)) {
            return defaultTtl;
        }
        long max = maxTtl.toSeconds();
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1 || node.longValue() > max) {
            throw new ApiException(ErrorCode.INVALID_TTL, "ttlSeconds: " + shown(node) + " (expected: 1.." + max + ")");
        }
        return Duration.ofSeconds(node.longValue());
    }

    private static boolean needsAck(JsonNode node) {
        if (!present(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "needsAck: " + shown(node) + " (expected: true or false)");
        }
        return node.booleanValue();
    }

    /** A field's value for an error message, cut short: it is echoed to the caller and may be huge. */
    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }
}
