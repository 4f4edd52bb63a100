package io.pushfleet.client;

import static java.util.Objects.requireNonNull;

/**
 * Opening an {@link EdgeConnection} failed. {@link #closeReason()} says how: the edge's close code when it
 * refused (for example 4002 auth_failed, from a WebSocket close or a TCP {@code error} frame), or
 * {@link CloseReason#ABNORMAL_CLOSURE} when the transport failed. {@link #transportFailure()} is true when
 * the edge never answered with a code (unreachable, handshake refused, dropped, timed out): trying another
 * edge may help; after a refusal it will not.
 */
public final class EdgeConnectException extends RuntimeException {

    private final EdgeAddress edge;
    private final CloseReason closeReason;
    private final boolean transportFailure;

    EdgeConnectException(EdgeAddress edge, CloseReason closeReason, boolean transportFailure, Throwable cause) {
        super("connect to nodeId=" + edge.nodeId() + " failed: " + closeReason.code() + " " + closeReason.reason(), cause);
        this.edge = requireNonNull(edge, "edge");
        this.closeReason = requireNonNull(closeReason, "closeReason");
        this.transportFailure = transportFailure;
    }

    public EdgeAddress edge() {
        return edge;
    }

    public CloseReason closeReason() {
        return closeReason;
    }

    public boolean transportFailure() {
        return transportFailure;
    }
}
