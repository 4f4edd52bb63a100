package io.pushfleet.model.token;

import io.pushfleet.model.frame.CloseCode;

/** A token that was refused, with the reason; never carries the token text. */
public final class TokenException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        MALFORMED(CloseCode.AUTH_FAILED),
        ALGORITHM_NOT_ALLOWED(CloseCode.AUTH_FAILED),
        UNKNOWN_KEY(CloseCode.AUTH_FAILED),
        BAD_SIGNATURE(CloseCode.AUTH_FAILED),
        WRONG_ISSUER(CloseCode.AUTH_FAILED),
        WRONG_AUDIENCE(CloseCode.AUTH_FAILED),
        MISSING_CLAIM(CloseCode.AUTH_FAILED),
        NOT_YET_VALID(CloseCode.TOKEN_EXPIRED),
        EXPIRED(CloseCode.TOKEN_EXPIRED);

        private final CloseCode closeCode;

        Reason(CloseCode closeCode) {
            this.closeCode = closeCode;
        }

        public CloseCode closeCode() {
            return closeCode;
        }
    }

    private final Reason reason;

    public TokenException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public CloseCode closeCode() {
        return reason.closeCode();
    }
}
