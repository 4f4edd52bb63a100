package io.pushfleet.control.chat;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Input rules of the group API. Names: 1 to 64 characters (code points), not blank, no control
 * characters. Id lists: positive ids, at most the member limit of entries; duplicates collapse.
 */
public final class GroupRules {

    public static final int NAME_MAX_LENGTH = 64;

    private GroupRules() {
    }

    /** Returns {@code name} if acceptable, else throws {@code invalid_group_name}. */
    public static String requireValidName(String name) {
        if (name == null) {
            throw new ApiException(ErrorCode.INVALID_GROUP_NAME, "name: missing");
        }
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > NAME_MAX_LENGTH) {
            throw new ApiException(ErrorCode.INVALID_GROUP_NAME,
                    "name: length " + length + " (expected: 1.." + NAME_MAX_LENGTH + ")");
        }
        if (name.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_GROUP_NAME, "name: blank (expected: a visible character)");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ApiException(ErrorCode.INVALID_GROUP_NAME, "name: contains a control character");
        }
        return name;
    }

    /**
     * The distinct user ids of a request list, in request order.
     *
     * @throws ApiException {@code too_many_members} for more than {@code maxEntries} entries,
     *     {@code invalid_user_id} for an id that is missing or not positive
     */
    public static Set<UserId> requireUserIds(String field, List<Long> ids, int maxEntries) {
        if (ids == null) {
            return new LinkedHashSet<>();
        }
        if (ids.size() > maxEntries) {
            throw new ApiException(ErrorCode.TOO_MANY_MEMBERS,
                    field + ": " + ids.size() + " entries (expected: <= " + maxEntries + ")");
        }
        Set<UserId> userIds = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (id == null || id <= 0) {
                throw new ApiException(ErrorCode.INVALID_USER_ID,
                        field + "[" + i + "]: " + id + " (expected: a positive user id)");
            }
            userIds.add(new UserId(id));
        }
        return userIds;
    }

    /** Parses a group id path segment, else throws {@code invalid_group_id}. */
    public static GroupId parseGroupId(String text) {
        try {
            long value = Long.parseLong(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return new GroupId(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new ApiException(ErrorCode.INVALID_GROUP_ID,
                    "groupId: '" + text + "' (expected: a positive integer)");
        }
    }

    /** Parses a user id path segment, else throws {@code invalid_user_id}. */
    public static UserId parseUserId(String text) {
        try {
            return UserId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_USER_ID, e.getMessage());
        }
    }
}
