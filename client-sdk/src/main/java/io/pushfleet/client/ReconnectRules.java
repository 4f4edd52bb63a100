package io.pushfleet.client;

import io.pushfleet.model.frame.CloseCode;

/**
 * Which failures end a {@link PushSession} and which it retries (docs/client-sdk.md, "Reconnecting"). The
 * rule: stop only when retrying cannot help and may hurt; everything else is retried with backoff.
 */
final class ReconnectRules {

    private ReconnectRules() {
    }

    /** PROTOCOL 5: true for the edge's close codes listed in {@link SessionEnd.RefusedByEdge}. */
    static boolean terminal(CloseReason reason) {
        if (!reason.byServer()) {
            return false; // this client gave up (timeout, an edge that broke the protocol): another try may work
        }
        CloseCode code = CloseCode.of(reason.code());
        return code != null && switch (code) {
            case PROTOCOL_ERROR, AUTH_REQUIRED, FRAME_TOO_LARGE, REPLACED, UNSUPPORTED_VERSION -> true;
            default -> false;
        };
    }

    /** True when the control plane refused the login itself: 400, 401 or 403 in the documented error shape. */
    static boolean terminal(ApiException loginError) {
        int status = loginError.status();
        return (status == 400 || status == 401 || status == 403)
                && !ApiException.UNEXPECTED_RESPONSE.equals(loginError.code());
    }
}
