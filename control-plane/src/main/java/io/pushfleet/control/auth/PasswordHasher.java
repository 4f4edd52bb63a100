package io.pushfleet.control.auth;

/** One-way password hashing for stored credentials. Implementations are thread-safe. */
public interface PasswordHasher {

    /** A salted hash of {@code password}, self-describing (algorithm and cost included), to store. */
    String hash(String password);

    /** Whether {@code password} matches a hash made by {@link #hash}. */
    boolean matches(String password, String storedHash);

    /**
     * Does the work of {@link #matches} against a hash no password matches, so that a login for an
     * unknown user takes as long as one with a wrong password and does not tell the two apart.
     */
    void matchNothing(String password);
}
