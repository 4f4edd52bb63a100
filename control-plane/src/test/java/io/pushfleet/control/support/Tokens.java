package io.pushfleet.control.support;

import com.nimbusds.jose.jwk.ECKey;
import io.pushfleet.control.auth.TokenService;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenIssuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Access tokens for integration tests: real ones from the app's TokenService, and forged ones. */
public final class Tokens {

    private Tokens() {
    }

    /** {@code Bearer <token>} for a user, signed by the application's active key as a login would. */
    public static String bearer(TokenService tokens, long userId) {
        return "Bearer " + tokens.issue(new UserId(userId), new DeviceId("it-device")).token();
    }

    /**
     * {@code Bearer <token>} with every claim right and the application's kid, but signed by another key:
     * what an attacker without the private key can make.
     */
    public static String forgedBearer(TokenService tokens, long userId) {
        ECKey other = SigningKeys.generate(tokens.activeKeyId());
        return "Bearer " + new TokenIssuer(other, "pushfleet-control-plane", "pushfleet-edge", Duration.ofHours(1),
                Clock.systemUTC()).issue(new UserId(userId), new DeviceId("it-device")).token();
    }

    /**
     * {@code Bearer <token>} signed with the application's own active key (read from its key file) but issued at
     * {@code issuedAt} for {@code audience}, with the password checked at {@code authenticatedAt}: expired, too old
     * or for another service, yet genuinely ours.
     */
    public static String bearerSignedAt(PushConfig config, long userId, String deviceId, String audience,
                                        Instant issuedAt, Instant authenticatedAt) {
        ECKey key;
        try {
            key = SigningKeys.activeKey(SigningKeys.read(config.token().keyFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "Bearer " + new TokenIssuer(key, config.token().issuer(), audience, config.token().ttl(),
                Clock.fixed(issuedAt, ZoneOffset.UTC)).issue(new UserId(userId), new DeviceId(deviceId), authenticatedAt).token();
    }
}
