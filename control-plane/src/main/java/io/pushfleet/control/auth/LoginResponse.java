package io.pushfleet.control.auth;

import java.time.Instant;
import java.util.List;

/**
 * Answer of a successful login (DESIGN 3.1): the token, the edge to connect to with up to two
 * fallbacks, and the heartbeat and backoff parameters. {@link #toString()} leaves the token out.
 */
public record LoginResponse(long userId, String token, Instant expiresAt, EdgeEndpoint edge,
                            List<EdgeEndpoint> fallbacks, long heartbeatSeconds, BackoffPolicy backoff) {

    @Override
    public String toString() {
        return "LoginResponse[userId=" + userId + ", token=***, expiresAt=" + expiresAt + ", edge=" + edge
                + ", fallbacks=" + fallbacks + "]";
    }
}
