package io.pushfleet.model.token;

import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The verified content of an access token: who ({@code sub}), on which device, and for how long. */
public record TokenClaims(UserId userId, DeviceId deviceId, String tokenId, Instant issuedAt, Instant expiresAt) {

    /** Private claim carrying the device id. */
    public static final String DEVICE_CLAIM = "did";

    public TokenClaims {
        requireNonNull(userId, "userId");
        requireNonNull(deviceId, "deviceId");
        requireNonNull(tokenId, "tokenId");
        requireNonNull(issuedAt, "issuedAt");
        requireNonNull(expiresAt, "expiresAt");
    }
}
