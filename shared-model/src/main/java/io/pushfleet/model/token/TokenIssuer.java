package io.pushfleet.model.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Signs access tokens with one private EC P-256 key (ES256, its {@code kid} in the header). Only the
 * control plane (and test tooling that shares a local key) holds one; edges only verify.
 */
public final class TokenIssuer {

    /** A signed token with its expiry, so callers need not parse it back. */
    public record IssuedToken(String token, String tokenId, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[token=***, tokenId=" + tokenId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final ECKey signingKey;
    private final ECDSASigner signer;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public TokenIssuer(ECKey signingKey, String issuer, String audience, Duration ttl, Clock clock) {
        this(signingKey, issuer, audience, ttl, clock, null);
    }

    /** As above, with tokens signed by {@code signatureProvider} ({@code null}: the JDK's default provider). */
    public TokenIssuer(ECKey signingKey, String issuer, String audience, Duration ttl, Clock clock,
                       Provider signatureProvider) {
        requireNonNull(signingKey, "signingKey");
        if (!signingKey.isPrivate() || signingKey.getKeyID() == null) {
            throw new IllegalArgumentException("signingKey: expected a private EC key with a kid");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        try {
            this.signer = signatureProvider == null ? new ECDSASigner(signingKey) : signerOn(signatureProvider, signingKey);
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("signingKey: not usable for ES256: " + e.getMessage(), e);
        }
        this.signingKey = signingKey;
        this.issuer = requireNonNull(issuer, "issuer");
        this.audience = requireNonNull(audience, "audience");
        this.ttl = ttl;
        this.clock = requireNonNull(clock, "clock");
    }

    private static ECDSASigner signerOn(Provider provider, ECKey key) throws JOSEException, GeneralSecurityException {
        // The key in the provider's own form, so that it is not translated again on every signature.
        ECPrivateKey own = (ECPrivateKey) KeyFactory.getInstance("EC", provider)
                .generatePrivate(new PKCS8EncodedKeySpec(key.toECPrivateKey().getEncoded()));
        ECDSASigner signer = new ECDSASigner(own);
        signer.getJCAContext().setProvider(provider);
        return signer;
    }

    public String keyId() {
        return signingKey.getKeyID();
    }

    /** A token for a user whose password was checked just now. */
    public IssuedToken issue(UserId userId, DeviceId deviceId) {
        return issue(userId, deviceId, clock.instant());
    }

    /** A token whose {@code auth_time} is {@code authenticatedAt}: a refresh keeps the time of the last password check. */
    public IssuedToken issue(UserId userId, DeviceId deviceId, Instant authenticatedAt) {
        requireNonNull(authenticatedAt, "authenticatedAt");
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String tokenId = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .claim(TokenClaims.DEVICE_CLAIM, deviceId.value())
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(tokenId)
                .claim(TokenClaims.AUTH_TIME_CLAIM, authenticatedAt.getEpochSecond())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with kid " + signingKey.getKeyID(), e);
        }
        return new IssuedToken(jwt.serialize(), tokenId, expiresAt);
    }
}
