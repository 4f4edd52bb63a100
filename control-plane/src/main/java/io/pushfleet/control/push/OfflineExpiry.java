package io.pushfleet.control.push;

import io.pushfleet.model.id.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Marks stored messages past their expiry {@code expired}, together with their push delivery rows, so they
 * are never replayed (DESIGN 3.5). Used by the periodic job and when a user connects.
 */
public final class OfflineExpiry {

    static final int BATCH = 1000;

    private final OfflineMessageRepository offline;
    private final DeliveryRepository deliveries;
    private final Transactions transactions;
    private final PushMetrics metrics;
    private final Clock clock;

    public OfflineExpiry(OfflineMessageRepository offline, DeliveryRepository deliveries, Transactions transactions,
                         PushMetrics metrics, Clock clock) {
        this.offline = requireNonNull(offline, "offline");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.transactions = requireNonNull(transactions, "transactions");
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Expires everything due now, a batch per transaction; returns how many messages expired. */
    public int expireDue() {
        Instant now = clock.instant();
        int total = 0;
        List<OfflineMessage> due;
        do {
            due = offline.due(now, BATCH);
            total += expire(due, now);
        } while (due.size() == BATCH);
        return total;
    }

    /** Expires these stored messages (and their delivery rows) in one transaction; returns how many moved. */
    public int expire(List<OfflineMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return 0;
        }
        Map<Long, List<UserId>> byTask = new TreeMap<>();
        List<Long> ids = new ArrayList<>(messages.size());
        for (OfflineMessage m : messages) {
            ids.add(m.id());
            if (m.taskId() > 0) {
                byTask.computeIfAbsent(m.taskId(), ignored -> new ArrayList<>()).add(m.userId());
            }
        }
        int[] moved = new int[2];
        transactions.run(() -> {
            moved[0] = offline.expire(ids, now);
            byTask.forEach((taskId, users) -> moved[1] += deliveries.move(taskId, users, DeliveryState.EXPIRED, now));
        });
        metrics.entered(DeliveryState.EXPIRED, moved[1]);
        return moved[0];
    }
}
