package io.pushfleet.control.auth;

/** Body of {@code POST /api/auth/login}. Fields may be null here; the service says which is missing. */
public record LoginRequest(String username, String password, String deviceId) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=***, deviceId=" + deviceId + "]";
    }
}
