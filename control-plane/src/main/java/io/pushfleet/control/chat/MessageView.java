package io.pushfleet.control.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.pushfleet.model.frame.Target;

import java.time.Instant;

/**
 * One message of {@code GET /api/users/{id}/messages}. {@code msgId} is a decimal string (protocol.md 2:
 * 64-bit ids do not fit a JavaScript number); {@code body} is the JSON value as the client sent it;
 * {@code to} is {@code {"user": id}} or {@code {"group": id}}, null for an uplink.
 */
public record MessageView(String msgId, String kind, long from, TargetView to, @JsonRawValue String body,
                          Instant receivedAt) {

    /** Exactly one of the two is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetView(Long user, Long group) {

        static TargetView of(Target target) {
            return switch (target) {
                case null -> null;
                case Target.User u -> new TargetView(u.userId().value(), null);
                case Target.Group g -> new TargetView(null, g.groupId().value());
            };
        }
    }

    static MessageView of(StoredMessage m) {
        return new MessageView(m.msgId().toString(), m.kind(), m.from().value(), TargetView.of(m.to()), m.body(),
                m.receivedAt());
    }
}
