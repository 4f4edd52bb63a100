package io.pushfleet.control.audit;

/**
 * A lease that at most one holder has at a time, so that one control plane among several runs the auditor.
 * A holder that stops renewing loses the lease when it runs out; the caller renews by calling {@link #hold()}
 * more often than the lease lasts.
 */
public interface LeaseLock {

    /** Takes the lease when it is free, or renews it when this holder has it; false while another holder has it. */
    boolean hold();

    /** Gives the lease up if this holder still has it; never removes another holder's lease. */
    void release();
}
