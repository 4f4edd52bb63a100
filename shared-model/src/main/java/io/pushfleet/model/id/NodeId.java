package io.pushfleet.model.id;

/** An edge node's id, unique in the fleet: 1 to 64 characters of {@code [A-Za-z0-9._-]}. */
public record NodeId(String value) {

    public static final int MAX_LENGTH = 64;

    public NodeId {
        Identifiers.requireToken("nodeId", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
