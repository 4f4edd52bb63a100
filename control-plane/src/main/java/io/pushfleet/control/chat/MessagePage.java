package io.pushfleet.control.chat;

import java.util.List;

/**
 * {@code GET /api/users/{id}/messages}: newest first; {@code next} is the {@code before} value of the
 * following page, or null when this page is the last.
 */
public record MessagePage(List<MessageView> messages, String next) {
}
