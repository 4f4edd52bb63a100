package io.pushfleet.control.auth;

/** Body of {@code POST /api/auth/register}. Fields may be null here; the service says which is missing. */
public record RegisterRequest(String username, String password) {

    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + ", password=***]";
    }
}
