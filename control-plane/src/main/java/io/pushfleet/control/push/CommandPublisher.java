package io.pushfleet.control.push;

import java.util.List;

/** Appends push commands to their streams, trimmed to about {@code NodeCommands.MAX_LENGTH} entries. Blocking. */
public interface CommandPublisher {

    /** Appends every command, in order, in one round trip; throws if any append failed. */
    void publish(List<StreamCommand> commands);
}
