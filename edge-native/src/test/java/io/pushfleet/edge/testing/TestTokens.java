package io.pushfleet.edge.testing;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenIssuer;
import io.pushfleet.model.token.TokenVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Tokens for tests: one trusted key ({@code kid} k1) and ways to mint every kind of bad token. */
public final class TestTokens {

    public static final String ISSUER = "pushfleet-control-plane";
    public static final String AUDIENCE = "pushfleet-edge";
    public static final String KID = "k1";

    private final ECKey key = SigningKeys.generate(KID);

    public ECKey key() {
        return key;
    }

    /** The public key set edges trust. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public TokenVerifier verifier() {
        return new TokenVerifier(publicKeys(), ISSUER, AUDIENCE, Duration.ofSeconds(30), Clock.systemUTC());
    }

    public String valid(long userId, String deviceId) {
        return issue(key, ISSUER, Clock.systemUTC(), userId, deviceId);
    }

    public String expired(long userId, String deviceId) {
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
        return issue(key, ISSUER, hourAgo, userId, deviceId);
    }

    /** Signed by another key that claims the trusted kid. */
    public String wronglySigned(long userId, String deviceId) {
        return issue(SigningKeys.generate(KID), ISSUER, Clock.systemUTC(), userId, deviceId);
    }

    public String unknownKid(long userId, String deviceId) {
        return issue(SigningKeys.generate("k-unknown"), ISSUER, Clock.systemUTC(), userId, deviceId);
    }

    public String wrongIssuer(long userId, String deviceId) {
        return issue(key, "someone-else", Clock.systemUTC(), userId, deviceId);
    }

    /** An unsecured JWT ({@code alg: none}) with otherwise valid claims, crafted by hand. */
    public String algNone(long userId, String deviceId) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"none\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + userId + "\",\"did\":\"" + deviceId + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\""
                + AUDIENCE + "\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"x\"}";
        return b64(header) + "." + b64(claims) + ".";
    }

    private static String issue(ECKey signingKey, String issuer, Clock clock, long userId, String deviceId) {
        return new TokenIssuer(signingKey, issuer, AUDIENCE, Duration.ofMinutes(10), clock)
                .issue(new UserId(userId), new DeviceId(deviceId)).token();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
