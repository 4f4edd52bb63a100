package io.pushfleet.control.push;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.util.List;

/**
 * Group membership as pushes need it: whether a group exists when a push is accepted, and its members
 * when the push is routed. Implemented where groups are stored (the {@code chat} feature); until a bean
 * exists, group pushes are refused as {@code unknown_group}. Blocking: called from worker threads.
 */
public interface GroupDirectory {

    /** The group's members, in any order; empty for an unknown or empty group. */
    List<UserId> members(GroupId groupId);

    boolean exists(GroupId groupId);
}
