package io.pushfleet.edge.chat;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;
import io.pushfleet.model.redis.RouteValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What chat needs to know and do outside this node (DESIGN 3.7): group membership (kept in Redis by the
 * control plane), the route table, which nodes are alive, and other nodes' command streams. Every method is
 * asynchronous, never blocks the caller, and may complete on any thread.
 */
public interface ChatDirectory {

    /** Whether a group is known and the user belongs to it. */
    enum Membership { UNKNOWN_GROUP, NOT_MEMBER, MEMBER }

    CompletionStage<Membership> membership(GroupId group, UserId user);

    /** The group's members; empty for an unknown group. */
    CompletionStage<List<UserId>> members(GroupId group);

    /** The routes of each user (one per connected device); every user is a key, with an empty list if offline. */
    CompletionStage<Map<UserId, List<RouteValue>>> routes(List<UserId> users);

    /** The nodes among {@code nodes} with a live registry entry. */
    CompletionStage<Set<NodeId>> liveNodes(Set<NodeId> nodes);

    /** Appends {@code push} to {@code node}'s command stream. */
    CompletionStage<Void> relay(NodeId node, PushCommand push);
}
