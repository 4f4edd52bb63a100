package io.pushfleet.edge.delivery;

import io.pushfleet.model.redis.FleetEvent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventStream} in memory: keeps what was appended, in order. */
public final class InMemoryEventStream implements EventStream {

    private final List<FleetEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> publish(FleetEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }

    public List<FleetEvent> all() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public <T extends FleetEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public void clear() {
        events.clear();
    }
}
