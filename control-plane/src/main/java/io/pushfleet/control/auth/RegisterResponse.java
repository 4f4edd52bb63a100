package io.pushfleet.control.auth;

/** Answer of a successful registration. */
public record RegisterResponse(long userId) {
}
