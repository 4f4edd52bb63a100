package io.pushfleet.control.auth;

import static java.util.Objects.requireNonNull;

/** A stored account as the auth service sees it. {@link #toString()} leaves the hash out. */
public record Account(long id, String username, String passwordHash) {

    public Account {
        requireNonNull(username, "username");
        requireNonNull(passwordHash, "passwordHash");
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + "]";
    }
}
