package io.pushfleet.model.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushfleet.model.frame.CloseCode;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {

    private static final String ISS = "pushfleet-control-plane";
    private static final String AUD = "pushfleet-edge";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final ECKey key = SigningKeys.generate("k1");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TokenIssuer issuer = new TokenIssuer(key, ISS, AUD, Duration.ofHours(1), clock);
    private final TokenVerifier verifier = verifierAt(clock, key);

    private static TokenVerifier verifierAt(Clock clock, ECKey... keys) {
        return new TokenVerifier(SigningKeys.publicOnly(new JWKSet(java.util.List.of(keys))), ISS, AUD,
                Duration.ofSeconds(30), clock);
    }

    @Test
    void acceptsATokenItsIssuerSigned() throws TokenException {
        TokenIssuer.IssuedToken issued = issuer.issue(new UserId(42), new DeviceId("phone"));

        TokenClaims claims = verifier.verify(issued.token());

        assertThat(claims.userId()).isEqualTo(new UserId(42));
        assertThat(claims.deviceId()).isEqualTo(new DeviceId("phone"));
        assertThat(claims.tokenId()).isEqualTo(issued.tokenId());
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void rejectsAnExpiredTokenWithTokenExpired() {
        String token = issuer.issue(new UserId(1), new DeviceId("d")).token();
        TokenVerifier later = verifierAt(Clock.offset(clock, Duration.ofHours(1).plusMinutes(1)), key);

        assertRefused(later, token, TokenException.Reason.EXPIRED, CloseCode.TOKEN_EXPIRED);
    }

    @Test
    void acceptsATokenJustPastExpiryWithinTheClockSkew() throws TokenException {
        String token = issuer.issue(new UserId(1), new DeviceId("d")).token();
        TokenVerifier later = verifierAt(Clock.offset(clock, Duration.ofHours(1).plusSeconds(10)), key);

        assertThat(later.verify(token).userId()).isEqualTo(new UserId(1));
    }

    // A refresh accepts a recently expired token; everything else is checked as always.
    @Test
    void acceptsAnExpiredTokenWithinTheGraceOnlyWhenAsked() throws TokenException {
        String token = issuer.issue(new UserId(1), new DeviceId("d")).token();
        TokenVerifier later = verifierAt(Clock.offset(clock, Duration.ofHours(3)), key);

        assertThat(later.verify(token, Duration.ofHours(2)).userId()).isEqualTo(new UserId(1));
        assertRefused(later, token, TokenException.Reason.EXPIRED, CloseCode.TOKEN_EXPIRED);
        assertThatThrownBy(() -> later.verify(token, Duration.ofMinutes(30))).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(TokenException.Reason.EXPIRED);
    }

    @Test
    void carriesWhenThePasswordWasCheckedThroughARefresh() throws TokenException {
        Instant login = NOW.minus(Duration.ofDays(5));

        TokenClaims fresh = verifier.verify(issuer.issue(new UserId(1), new DeviceId("d")).token());
        TokenClaims refreshed = verifier.verify(issuer.issue(new UserId(1), new DeviceId("d"), login).token());

        assertThat(fresh.authenticatedAt()).isEqualTo(NOW);
        assertThat(refreshed.authenticatedAt()).isEqualTo(login);
        assertThat(refreshed.issuedAt()).isEqualTo(NOW);
    }

    @Test
    void rejectsATokenNotYetValid() {
        String token = issuer.issue(new UserId(1), new DeviceId("d")).token();
        TokenVerifier earlier = verifierAt(Clock.offset(clock, Duration.ofMinutes(-5)), key);

        assertRefused(earlier, token, TokenException.Reason.NOT_YET_VALID, CloseCode.TOKEN_EXPIRED);
    }

    @Test
    void rejectsATokenSignedByAnotherKeyWithTheSameKid() {
        ECKey impostor = SigningKeys.generate("k1");
        String token = new TokenIssuer(impostor, ISS, AUD, Duration.ofHours(1), clock).issue(new UserId(1), new DeviceId("d")).token();

        assertRefused(verifier, token, TokenException.Reason.BAD_SIGNATURE, CloseCode.AUTH_FAILED);
    }

    @Test
    void checksSignaturesWithTheProviderGiven() throws TokenException {
        JWKSet keys = SigningKeys.publicOnly(new JWKSet(key));
        TokenVerifier sunEc = new TokenVerifier(keys, ISS, AUD, Duration.ofSeconds(30), clock, Security.getProvider("SunEC"));
        String good = issuer.issue(new UserId(7), new DeviceId("d")).token();
        String forged = new TokenIssuer(SigningKeys.generate("k1"), ISS, AUD, Duration.ofHours(1), clock)
                .issue(new UserId(7), new DeviceId("d")).token();

        assertThat(sunEc.verify(good).userId()).isEqualTo(new UserId(7));
        assertRefused(sunEc, forged, TokenException.Reason.BAD_SIGNATURE, CloseCode.AUTH_FAILED);
        TokenVerifier withoutEc = new TokenVerifier(keys, ISS, AUD, Duration.ofSeconds(30), clock, Security.getProvider("SunRsaSign"));
        assertThat(withoutEc.keyIds()).as("a provider without EC can hold no key").isEmpty();
    }

    @Test
    void rejectsAnUnknownKid() {
        String token = new TokenIssuer(SigningKeys.generate("k9"), ISS, AUD, Duration.ofHours(1), clock)
                .issue(new UserId(1), new DeviceId("d")).token();

        assertRefused(verifier, token, TokenException.Reason.UNKNOWN_KEY, CloseCode.AUTH_FAILED);
    }

    @Test
    void rejectsAlgNone() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(("{\"sub\":\"1\",\"did\":\"d\",\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD
                + "\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8)).toString();

        assertRefused(verifier, header + "." + payload + ".", TokenException.Reason.MALFORMED, CloseCode.AUTH_FAILED);
    }

    @Test
    void rejectsHs256SignedWithThePublicKeyAsSecret() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("1").claim("did", "d").issuer(ISS).audience(AUD)
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600))).jwtID("j").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
        byte[] secret = key.toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8);
        jwt.sign(new MACSigner(secret));

        assertRefused(verifier, jwt.serialize(), TokenException.Reason.ALGORITHM_NOT_ALLOWED, CloseCode.AUTH_FAILED);
    }

    @Test
    void rejectsAnotherIssuerOrAudience() {
        String otherIss = new TokenIssuer(key, "someone-else", AUD, Duration.ofHours(1), clock).issue(new UserId(1), new DeviceId("d")).token();
        String otherAud = new TokenIssuer(key, ISS, "another-service", Duration.ofHours(1), clock).issue(new UserId(1), new DeviceId("d")).token();

        assertRefused(verifier, otherIss, TokenException.Reason.WRONG_ISSUER, CloseCode.AUTH_FAILED);
        assertRefused(verifier, otherAud, TokenException.Reason.WRONG_AUDIENCE, CloseCode.AUTH_FAILED);
    }

    @Test
    void rejectsGarbageAndOversizedTokens() {
        assertRefused(verifier, "not-a-jwt", TokenException.Reason.MALFORMED, CloseCode.AUTH_FAILED);
        assertRefused(verifier, "", TokenException.Reason.MALFORMED, CloseCode.AUTH_FAILED);
        assertRefused(verifier, "a".repeat(TokenVerifier.MAX_TOKEN_CHARS + 1), TokenException.Reason.MALFORMED, CloseCode.AUTH_FAILED);
    }

    @Test
    void verifiesTokensOfOldAndNewKeysDuringARotation() throws TokenException {
        ECKey next = SigningKeys.generate("k2");
        String oldToken = issuer.issue(new UserId(1), new DeviceId("d")).token();
        String newToken = new TokenIssuer(next, ISS, AUD, Duration.ofHours(1), clock).issue(new UserId(2), new DeviceId("d")).token();

        verifier.replaceKeys(SigningKeys.publicOnly(new JWKSet(java.util.List.of(next, key))));

        assertThat(verifier.verify(oldToken).userId()).isEqualTo(new UserId(1));
        assertThat(verifier.verify(newToken).userId()).isEqualTo(new UserId(2));
        verifier.replaceKeys(SigningKeys.publicOnly(new JWKSet(next)));
        assertRefused(verifier, oldToken, TokenException.Reason.UNKNOWN_KEY, CloseCode.AUTH_FAILED);
    }

    @Test
    void neverPrintsTheTokenInToString() {
        TokenIssuer.IssuedToken issued = issuer.issue(new UserId(1), new DeviceId("d"));

        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    private static void assertRefused(TokenVerifier v, String token, TokenException.Reason reason, CloseCode code) {
        assertThatThrownBy(() -> v.verify(token))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.closeCode()).isEqualTo(code);
                    assertThat(e.getMessage()).doesNotContain(token.length() > 20 ? token : "\u0000");
                });
    }
}
