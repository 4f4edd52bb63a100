package io.pushfleet.localstack;

/**
 * A server of the local stack could not be installed, started or stopped; the message says what to do
 * about it (which package to install, which port is taken, the tail of the server's log).
 */
public final class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
