package io.pushfleet.model.codec;

import io.pushfleet.model.frame.CloseCode;

import static java.util.Objects.requireNonNull;

/** A frame that breaks the protocol, with the close code the connection is closed with. */
public final class ProtocolException extends RuntimeException {

    private final CloseCode closeCode;

    public ProtocolException(CloseCode closeCode, String message) {
        super(message, null, false, false);
        this.closeCode = requireNonNull(closeCode, "closeCode");
    }

    public CloseCode closeCode() {
        return closeCode;
    }
}
