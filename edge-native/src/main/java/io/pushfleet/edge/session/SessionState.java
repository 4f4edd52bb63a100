package io.pushfleet.edge.session;

/** Where a connection is in its life; only moves forward. */
public enum SessionState {
    /** Connected, no valid token yet; the auth timeout runs. */
    AWAITING_AUTH,
    /** Authenticated; heartbeats are watched. */
    OPEN,
    /** A close was started; further input is discarded. */
    CLOSING
}
