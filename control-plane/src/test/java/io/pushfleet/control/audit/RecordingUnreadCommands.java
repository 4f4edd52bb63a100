package io.pushfleet.control.audit;

import io.pushfleet.model.id.NodeId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.redis.PushCommand;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link UnreadCommands} that records what it is given. Like the offline store, each (message, user) is stored
 * once: the second time the command stores nothing.
 */
final class RecordingUnreadCommands implements UnreadCommands {

    record Replay(UserId user, NodeId node) {
    }

    private final Set<String> stored = new HashSet<>();
    private final List<PushCommand> commands = new ArrayList<>();
    private final List<Replay> replays = new ArrayList<>();

    @Override
    public int store(NodeId deadNode, PushCommand command) {
        commands.add(command);
        int added = 0;
        for (UserId user : command.targets()) {
            if (stored.add(command.msgId() + "/" + user)) {
                added++;
            }
        }
        return added;
    }

    @Override
    public void replay(UserId user, NodeId node) {
        replays.add(new Replay(user, node));
    }

    List<PushCommand> commands() {
        return List.copyOf(commands);
    }

    List<Replay> replays() {
        return List.copyOf(replays);
    }
}
