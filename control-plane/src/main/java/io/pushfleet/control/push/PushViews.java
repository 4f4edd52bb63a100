package io.pushfleet.control.push;

import java.time.Instant;
import java.util.List;

/** The DTO records of the push API (docs/control-plane.md, "Pushes"). Message ids are decimal strings. */
public final class PushViews {

    private PushViews() {
    }

    /** {@code 202} answer of {@code POST /api/admin/pushes}: the task is stored. */
    public record Accepted(long taskId, String msgId, String traceId) {
    }

    /** {@code GET /api/admin/pushes/{taskId}}. */
    public record Task(long taskId, String msgId, String target, String state, String traceId, Instant createdAt,
                       Counts counts) {
    }

    /** Targets per delivery state; {@code total} is the number of targets (for a broadcast, those reported). */
    public record Counts(long total, long routed, long written, long acked, long offline, long stored, long delivered,
                         long expired) {

        static Counts of(long total, DeliveryCounts c) {
            return new Counts(total, c.get(DeliveryState.ROUTED), c.get(DeliveryState.WRITTEN),
                    c.get(DeliveryState.ACKED), c.get(DeliveryState.OFFLINE), c.get(DeliveryState.STORED),
                    c.get(DeliveryState.DELIVERED), c.get(DeliveryState.EXPIRED));
        }
    }

    /** {@code GET /api/admin/pushes/{taskId}/deliveries}; {@code next} is the {@code after} of the next page, or null. */
    public record DeliveryPage(long taskId, List<Delivery> deliveries, Long next) {
    }

    /** One target of a task. */
    public record Delivery(long userId, String state, Instant updatedAt) {
    }

    /** {@code GET /api/admin/users/{userId}/deliveries}: the user's most recent pushes first. */
    public record UserDeliveries(long userId, List<UserDelivery> deliveries) {
    }

    /** One push a user was a target of. */
    public record UserDelivery(long taskId, String msgId, String state, Instant updatedAt) {
    }
}
