package io.pushfleet.control.uplink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link UplinkStore} in memory with the two unique keys of {@code messages}; all of a batch or nothing.
 * Can be told to fail the next batches, like a database that went away.
 */
final class InMemoryUplinkStore implements UplinkStore {

    private final List<UplinkRow> rows = new ArrayList<>();
    private final Set<Long> msgIds = new HashSet<>();
    private final Set<String> clientKeys = new HashSet<>();
    private int failures;

    void failNext(int batches) {
        failures = batches;
    }

    synchronized List<UplinkRow> rows() {
        return List.copyOf(rows);
    }

    @Override
    public synchronized int persist(List<UplinkRow> batch) {
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("database unavailable (fake)");
        }
        int inserted = 0;
        for (UplinkRow row : batch) {
            String clientKey = row.userId() + "/" + row.deviceId() + "/" + row.clientMsgId();
            if (!msgIds.contains(row.msgId().value()) && !clientKeys.contains(clientKey)) {
                msgIds.add(row.msgId().value());
                clientKeys.add(clientKey);
                rows.add(row);
                inserted++;
            }
        }
        return inserted;
    }
}
