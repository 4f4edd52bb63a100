package io.pushfleet.control.push;

/**
 * Where a push task is: {@code accepted} (stored, not yet claimed by a router), {@code routing} (a control
 * plane holds the lease and is sending chunks), {@code routed} (every target has a delivery row and every
 * command entry is on its stream), {@code done} (routed, and no target is still {@code routed}: each one has
 * its edge's answer or was stored for re-push). A broadcast has no per-target rows to wait for, so it is
 * done as soon as its entry is on the broadcast stream. Acks are not waited for: a client may never ack.
 */
public enum TaskState {
    ACCEPTED("accepted"),
    ROUTING("routing"),
    ROUTED("routed"),
    DONE("done");

    private final String dbValue;

    TaskState(String dbValue) {
        this.dbValue = dbValue;
    }

    /** The {@code push_tasks.state} value, also the name in the REST API. */
    public String dbValue() {
        return dbValue;
    }

    public static TaskState ofDbValue(String value) {
        for (TaskState state : values()) {
            if (state.dbValue.equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("push_tasks.state: '" + value + "' (unknown)");
    }
}
