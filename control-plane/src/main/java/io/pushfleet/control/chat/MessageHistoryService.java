package io.pushfleet.control.chat;

import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.MessageId;
import io.pushfleet.model.id.UserId;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A user's own message history: what they sent (chat and uplink) and what was sent to them directly,
 * newest first, in pages of at most {@link #MAX_LIMIT} keyed by message id (ids grow with time, so
 * {@code before} never skips or repeats a message, even while new ones arrive). Messages to groups the
 * user is in are not listed yet (docs/control-plane.md, "Known gaps").
 */
@ApplicationScoped
public class MessageHistoryService {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final MessageHistoryRepository messages;

    public MessageHistoryService(MessageHistoryRepository messages) {
        this.messages = messages;
    }

    /**
     * One page of {@code userIdText}'s history for {@code caller}.
     *
     * @throws ApiException {@code invalid_user_id}, {@code forbidden} (another user's history),
     *     {@code invalid_request} (bad {@code before} or {@code limit})
     */
    public MessagePage page(UserId caller, String userIdText, String before, String limit) {
        UserId userId = GroupRules.parseUserId(userIdText);
        if (!userId.equals(caller)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "userId " + caller + " may only read its own messages");
        }
        long beforeMsgId = before == null ? Long.MAX_VALUE : parseBefore(before);
        int pageSize = limit == null ? DEFAULT_LIMIT : parseLimit(limit);
        // One row more than asked tells whether another page follows, without a count query.
        List<StoredMessage> rows = messages.page(userId, beforeMsgId, pageSize + 1);
        boolean more = rows.size() > pageSize;
        List<StoredMessage> page = more ? rows.subList(0, pageSize) : rows;
        String next = more ? page.getLast().msgId().toString() : null;
        return new MessagePage(page.stream().map(MessageView::of).toList(), next);
    }

    private static long parseBefore(String before) {
        try {
            return MessageId.parse(before).value();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "before: " + e.getMessage());
        }
    }

    private static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // Answered below like any other out-of-range value.
        }
        throw new ApiException(ErrorCode.INVALID_REQUEST, "limit: '" + limit + "' (expected: 1.." + MAX_LIMIT + ")");
    }
}
