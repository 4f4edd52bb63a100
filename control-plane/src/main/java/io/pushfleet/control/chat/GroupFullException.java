package io.pushfleet.control.chat;

/** Thrown by {@link GroupRepository#addMembers} when the additions would take a group over its limit. */
public final class GroupFullException extends Exception {

    private final int wouldHave;

    public GroupFullException(int wouldHave, int limit) {
        super("members: " + wouldHave + " (expected: <= " + limit + ")", null, false, false);
        this.wouldHave = wouldHave;
    }

    /** How many members the group would have had. */
    public int wouldHave() {
        return wouldHave;
    }
}
