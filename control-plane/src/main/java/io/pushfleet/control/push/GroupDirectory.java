package io.pushfleet.control.push;

import io.pushfleet.model.id.GroupId;
import io.pushfleet.model.id.UserId;

import java.util.List;

/** Port to the chat groups: who is in a group, and whether it exists. */
public interface GroupDirectory {

    List<UserId> members(GroupId groupId);

    boolean exists(GroupId groupId);
}
