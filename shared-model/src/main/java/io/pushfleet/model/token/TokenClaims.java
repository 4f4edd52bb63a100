package io.pushfleet.model.token;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The verified content of an access token: who ({@code sub}), on which device, for how long, and when the user's
 * password was last checked ({@code auth_time}; a refreshed token keeps its predecessor's, an older token without
 * it counts from {@code iat}).
 */
public record TokenClaims(UserId userId, DeviceId deviceId, String tokenId, Instant issuedAt, Instant expiresAt,
                          Instant authenticatedAt) {

    /** Private claim carrying the device id. */
    public static final String DEVICE_CLAIM = "did";
    /** Registered claim (OpenID Connect): when the user last proved who they are, seconds since the epoch. */
    public static final String AUTH_TIME_CLAIM = "auth_time";

    public TokenClaims {
        requireNonNull(userId, "userId");
        requireNonNull(deviceId, "deviceId");
        requireNonNull(tokenId, "tokenId");
        requireNonNull(issuedAt, "issuedAt");
        requireNonNull(expiresAt, "expiresAt");
        requireNonNull(authenticatedAt, "authenticatedAt");
    }
}
