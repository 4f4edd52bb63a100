package io.pushfleet.control.support;

import com.nimbusds.jose.jwk.ECKey;
import io.pushfleet.control.auth.TokenService;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenIssuer;

import java.time.Clock;
import java.time.Duration;

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
}
