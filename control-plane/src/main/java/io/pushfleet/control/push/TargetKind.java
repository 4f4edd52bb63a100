package io.pushfleet.control.push;

/** The three ways a push names its targets; {@link #dbValue()} is the {@code push_tasks.target_kind} value. */
public enum TargetKind {
    /** An explicit list of user ids. */
    USERS("users"),
    /** The members of a group, resolved when routing starts. */
    GROUP("group"),
    /** Every connection of every edge: one broadcast stream entry. */
    ALL("all");

    private final String dbValue;

    TargetKind(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static TargetKind ofDbValue(String value) {
        for (TargetKind kind : values()) {
            if (kind.dbValue.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("target_kind: '" + value + "' (expected: users, group or all)");
    }
}
