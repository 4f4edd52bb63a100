package io.pushfleet.edge.delivery;

import io.pushfleet.model.redis.FleetEvent;

import java.util.concurrent.CompletionStage;

/**
 * Where this node tells the control plane what happened: the fleet's events stream (DESIGN 3.5). Appending
 * never blocks the caller; a failure is counted and logged by the implementation and also completes the
 * returned stage exceptionally, for callers that wait (shutdown).
 */
public interface EventStream {

    CompletionStage<Void> publish(FleetEvent event);
}
