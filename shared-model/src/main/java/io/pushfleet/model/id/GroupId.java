package io.pushfleet.model.id;

/** A chat group's numeric id, as assigned by the control plane; always positive. */
public record GroupId(long value) {

    public GroupId {
        if (value <= 0) {
            throw new IllegalArgumentException("groupId: " + value + " (expected: > 0)");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
