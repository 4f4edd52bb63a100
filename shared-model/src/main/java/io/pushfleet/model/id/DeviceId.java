package io.pushfleet.model.id;

/** A client-chosen device id: 1 to 64 characters of {@code [A-Za-z0-9._-]}. One user, many devices. */
public record DeviceId(String value) {

    public static final int MAX_LENGTH = 64;

    public DeviceId {
        Identifiers.requireToken("deviceId", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
