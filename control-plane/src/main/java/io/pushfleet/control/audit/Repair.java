package io.pushfleet.control.audit;

/** What the auditor changed; the {@code kind} tag of {@code pushfleet_audit_repairs_total}. */
public enum Repair {
    /** A route of a dead run, compare-and-deleted. */
    DEAD_ROUTE("dead_route"),
    /** A set member of a dead run, removed (with its route, if it still had one). */
    DEAD_MEMBER("dead_member"),
    /** A member of a live run whose route was gone or replaced on two passes in a row, removed. */
    STALE_MEMBER("stale_member"),
    /** A set member that is not {@code userId:deviceId:bootEpoch:connId}, removed. */
    MALFORMED_MEMBER("malformed_member"),
    /** A command-stream entry no run will read, handled and deleted. */
    STREAM_ENTRY("stream_entry"),
    /** A target of such an entry stored for re-push. */
    STORED_TARGET("stored_target"),
    /** A replay sent to a user who had already reconnected elsewhere when their messages were stored. */
    REPLAY("replay"),
    /** A node with nothing left, removed from the known nodes and the registry. */
    NODE_FORGOTTEN("node_forgotten");

    private final String tag;

    Repair(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
