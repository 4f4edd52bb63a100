package io.pushfleet.control.push;

import io.pushfleet.model.redis.PushCommand;

import static java.util.Objects.requireNonNull;

/** A {@link PushCommand} and the stream it goes on (a node's command stream or the broadcast stream). */
public record StreamCommand(String stream, PushCommand command) {

    public StreamCommand {
        requireNonNull(stream, "stream");
        requireNonNull(command, "command");
    }
}
