package io.pushfleet.bench.fleet;

import io.pushfleet.model.frame.Frame;

/**
 * What a scenario hears from its clients. Called on the fleet's I/O threads with the {@link System#nanoTime()}
 * taken when the frame was decoded; keep it short and thread-safe (several clients call at once).
 */
public interface FleetListener {

    FleetListener NONE = new FleetListener() {
    };

    default void onPush(int client, Frame.Push push, long nanos) {
    }

    default void onReceipt(int client, Frame.Receipt receipt, long nanos) {
    }
}
