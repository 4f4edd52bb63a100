package io.pushfleet.control.auth;

/** Thrown by {@link AccountRepository#create} when the unique username constraint refused the row. */
final class UsernameTakenException extends Exception {

    UsernameTakenException(String username) {
        super("username taken: " + username, null, false, false);
    }
}
