package io.pushfleet.control.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link AttemptCounter} in a map, with its own clock that stands still until a test moves it. */
final class InMemoryAttemptCounter implements AttemptCounter {

    private record Slot(long count, long endsAtMillis) {
    }

    private final Map<String, Slot> slots = new HashMap<>();
    private long nowMillis;

    void advance(Duration duration) {
        nowMillis += duration.toMillis();
    }

    long count(String key) {
        Slot slot = slots.get(key);
        return slot == null || slot.endsAtMillis() <= nowMillis ? 0 : slot.count();
    }

    @Override
    public Window hit(String key, Duration window) {
        Slot slot = slots.get(key);
        Slot next = slot == null || slot.endsAtMillis() <= nowMillis
                ? new Slot(1, nowMillis + window.toMillis())
                : new Slot(slot.count() + 1, slot.endsAtMillis());
        slots.put(key, next);
        return new Window(next.count(), Duration.ofMillis(next.endsAtMillis() - nowMillis));
    }
}
