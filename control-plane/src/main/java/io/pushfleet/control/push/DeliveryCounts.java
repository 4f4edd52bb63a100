package io.pushfleet.control.push;

import java.util.EnumMap;
import java.util.Map;

/** How many targets of a task are in each {@link DeliveryState}; every state is present, zeros included. */
public final class DeliveryCounts {

    private final Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);

    public DeliveryCounts() {
        for (DeliveryState state : DeliveryState.values()) {
            counts.put(state, 0L);
        }
    }

    public DeliveryCounts add(DeliveryState state, long count) {
        counts.merge(state, count, Long::sum);
        return this;
    }

    public long get(DeliveryState state) {
        return counts.get(state);
    }

    public long sum() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
