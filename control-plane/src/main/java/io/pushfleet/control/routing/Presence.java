package io.pushfleet.control.routing;

import io.pushfleet.model.id.UserId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Where a user is connected right now, per the route table: one entry per connected device. */
public record Presence(UserId userId, List<DeviceRoute> devices) {

    public Presence {
        requireNonNull(userId, "userId");
        devices = List.copyOf(devices);
    }

    public boolean online() {
        return !devices.isEmpty();
    }
}
