package io.pushfleet.control.push;

/** This process no longer holds a task it was routing: its lease expired and another control plane took it. */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(long taskId, String owner) {
        super("taskId=" + taskId + ": lease of " + owner + " lost", null, false, false);
    }
}
