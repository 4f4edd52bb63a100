package io.pushfleet.edge.registry;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.RouteValue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.LongPredicate;

/**
 * The fleet's route table (DESIGN 3.4): where each user's devices are connected, plus each node's set of
 * connections so a node's routes can be fenced. The asynchronous methods never block the caller and may
 * complete on any thread. {@link #register} and {@link #unregister} may be held back to be sent together with
 * others: they go out at the next {@link #flush}.
 */
public interface RouteTable {

    /**
     * Adds the connection to its node's set, then sets the device's route; completes with the route it
     * replaced, if any.
     */
    CompletionStage<Optional<RouteValue>> register(UserId userId, DeviceId deviceId, RouteValue route);

    /**
     * Deletes the device's route only if it is still {@code route} (a late disconnect never removes a newer
     * route), then removes the connection from its node's set; completes with whether the route was deleted.
     */
    CompletionStage<Boolean> unregister(UserId userId, DeviceId deviceId, RouteValue route);

    /** Sends the registers and unregisters held back since the last flush; cheap when there are none. */
    void flush();

    /** Asks the node named by {@code previous} to close the connection a newer route replaced. */
    CompletionStage<Void> kick(UserId userId, DeviceId deviceId, RouteValue previous);

    /**
     * Compare-and-deletes the routes of every connection in {@code nodeId}'s set whose boot epoch matches
     * {@code bootEpochs}, and removes those members; returns how many members were removed. Blocks, so never
     * call it on an event loop.
     */
    int removeNodeRoutes(NodeId nodeId, LongPredicate bootEpochs, Duration timeout);
}
