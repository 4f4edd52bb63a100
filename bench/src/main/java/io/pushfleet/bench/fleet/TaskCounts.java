package io.pushfleet.bench.fleet;

/**
 * The {@code counts} of {@code GET /api/admin/pushes/{taskId}}: targets per delivery state
 * (routed -> written -> acked, or offline -> stored -> delivered or expired).
 */
public record TaskCounts(long total, long routed, long written, long acked, long offline, long stored,
                         long delivered, long expired) {

    /** Targets whose outcome the control plane has recorded: written, acked, or stored for re-push. */
    public long resultsStored() {
        return written + acked + stored;
    }
}
