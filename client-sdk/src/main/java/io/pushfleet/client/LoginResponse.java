package io.pushfleet.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The answer to {@code POST /api/auth/login}: the token to authenticate with, the chosen edge and its
 * fallbacks in order, the heartbeat interval and the reconnect backoff. Its {@code toString} masks the token.
 */
public record LoginResponse(String token, Instant expiresAt, EdgeAddress edge, List<EdgeAddress> fallbacks,
                            Duration heartbeat, Backoff backoff) {

    public LoginResponse {
        requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token: empty (expected: a JWT)");
        }
        requireNonNull(expiresAt, "expiresAt");
        requireNonNull(edge, "edge");
        fallbacks = List.copyOf(requireNonNull(fallbacks, "fallbacks"));
        requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeat: " + heartbeat + " (expected: >= 1ms)");
        }
        requireNonNull(backoff, "backoff");
    }

    /** The chosen edge followed by the fallbacks: the order to try them in. */
    public List<EdgeAddress> edges() {
        List<EdgeAddress> all = new ArrayList<>(1 + fallbacks.size());
        all.add(edge);
        all.addAll(fallbacks);
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "LoginResponse[token=***, expiresAt=" + expiresAt + ", edge=" + edge + ", fallbacks=" + fallbacks
                + ", heartbeat=" + heartbeat + ", backoff=" + backoff + "]";
    }
}
