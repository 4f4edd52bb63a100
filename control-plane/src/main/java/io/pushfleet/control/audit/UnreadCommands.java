package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;

/**
 * The push feature's offline path as the auditor uses it (implemented by {@code push.FleetEventHandler}):
 * commands a dead run never read are stored for their targets and replayed when the users are connected.
 */
public interface UnreadCommands {

    /** Stores the command for those of its targets that have not had it; returns how many were stored. */
    int store(NodeId deadNode, PushCommand command);

    /** Sends the user's stored messages through {@code node}, where the user is connected. */
    void replay(UserId user, NodeId node);
}
