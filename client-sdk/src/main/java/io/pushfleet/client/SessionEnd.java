package io.pushfleet.client;

import static java.util.Objects.requireNonNull;

/**
 * Why a {@link PushSession} stopped for good; it is not restarted after any of these. Anything else (a
 * dropped connection, an edge or control plane that does not answer, a refused or expired token,
 * 4004, 4006, 4007, 4010, 4011, 4012, ...) is retried with backoff instead.
 */
public sealed interface SessionEnd {

    /** {@link PushSession#close()}, or the owning {@link PushClient} was closed. */
    record ClosedByClient() implements SessionEnd {
    }

    /**
     * An edge closed the connection with a code that retrying would only repeat: 4008 replaced (the same
     * user and device connected elsewhere; reconnecting would take the route back and start a tug of war),
     * 4000 protocol_error, 4001 auth_required, 4005 frame_too_large or 4009 unsupported_version (a client
     * bug or an incompatible edge; the buffered message would be sent again).
     */
    record RefusedByEdge(CloseReason reason) implements SessionEnd {
        public RefusedByEdge {
            requireNonNull(reason, "reason");
        }
    }

    /**
     * The control plane refused the login with 400, 401 (bad credentials) or 403; other answers (429, 5xx,
     * unreachable) are retried.
     */
    record LoginRefused(ApiException error) implements SessionEnd {
        public LoginRefused {
            requireNonNull(error, "error");
        }
    }
}
