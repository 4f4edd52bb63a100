package io.pushfleet.model.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Verifies access tokens with public keys only: ES256 is the one algorithm allowed, the {@code kid}
 * header picks the key, and {@code iss}, {@code aud}, {@code exp}, {@code nbf} are checked with a
 * bounded clock skew. Thread-safe; {@link #replaceKeys} swaps the key set for rotation.
 *
 * <p>The signature check runs on the JDK's default provider, or on the {@link Provider} given: the edge passes a
 * native one (Conscrypt) there, because the ECDSA verify is most of the CPU a connect costs (docs/benchmarks.md).
 */
public final class TokenVerifier {

    /** Tokens longer than this are refused before parsing. */
    public static final int MAX_TOKEN_CHARS = 4096;

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Clock clock;
    private final Provider signatureProvider;
    private volatile Map<String, ECDSAVerifier> verifiers = Map.of();

    public TokenVerifier(JWKSet publicKeys, String issuer, String audience, Duration clockSkew, Clock clock) {
        this(publicKeys, issuer, audience, clockSkew, clock, null);
    }

    /** As above, with signatures checked by {@code signatureProvider} ({@code null}: the JDK's default provider). */
    public TokenVerifier(JWKSet publicKeys, String issuer, String audience, Duration clockSkew, Clock clock,
                         Provider signatureProvider) {
        this.signatureProvider = signatureProvider;
        this.issuer = requireNonNull(issuer, "issuer");
        this.audience = requireNonNull(audience, "audience");
        this.clockSkew = requireNonNull(clockSkew, "clockSkew");
        this.clock = requireNonNull(clock, "clock");
        replaceKeys(publicKeys);
    }

    /** Replaces the key set; keys that are not EC P-256 with a {@code kid} are ignored. */
    public void replaceKeys(JWKSet publicKeys) {
        requireNonNull(publicKeys, "publicKeys");
        Map<String, ECDSAVerifier> next = new ConcurrentHashMap<>();
        for (JWK jwk : publicKeys.getKeys()) {
            if (jwk instanceof ECKey ec && jwk.getKeyID() != null) {
                try {
                    next.put(jwk.getKeyID(), verifierFor(ec));
                } catch (JOSEException | GeneralSecurityException ignored) {
                    // Not a curve ES256 can use; such a key can verify nothing, so it is left out.
                }
            }
        }
        verifiers = Map.copyOf(next);
    }

    private ECDSAVerifier verifierFor(ECKey key) throws JOSEException, GeneralSecurityException {
        if (signatureProvider == null) {
            return new ECDSAVerifier(key.toPublicJWK());
        }
        // The key in the provider's own form, so that it is not translated again on every verify.
        ECPublicKey own = (ECPublicKey) KeyFactory.getInstance("EC", signatureProvider)
                .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
        ECDSAVerifier verifier = new ECDSAVerifier(own);
        verifier.getJCAContext().setProvider(signatureProvider);
        return verifier;
    }

    /** The key ids this verifier currently accepts. */
    public List<String> keyIds() {
        return List.copyOf(verifiers.keySet());
    }

    public TokenClaims verify(String token) throws TokenException {
        return verify(token, Duration.ZERO);
    }

    /**
     * As {@link #verify(String)}, but {@code exp} may have passed by up to {@code expiredGrace} more than the clock
     * skew: for a refresh, where a recently expired token of ours still proves who the caller is. Everything
     * else (signature, {@code kid}, algorithm, {@code iss}, {@code aud}, {@code nbf}) is checked as always.
     */
    public TokenClaims verify(String token, Duration expiredGrace) throws TokenException {
        requireNonNull(expiredGrace, "expiredGrace");
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException(TokenException.Reason.MALFORMED,
                    "token length " + (token == null ? 0 : token.length()) + " (expected: 1.." + MAX_TOKEN_CHARS + ")");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenException(TokenException.Reason.MALFORMED, "token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new TokenException(TokenException.Reason.ALGORITHM_NOT_ALLOWED,
                    "alg: " + header.getAlgorithm() + " (expected: ES256)");
        }
        ECDSAVerifier verifier = header.getKeyID() == null ? null : verifiers.get(header.getKeyID());
        if (verifier == null) {
            throw new TokenException(TokenException.Reason.UNKNOWN_KEY, "kid: " + header.getKeyID() + " (not a known key)");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new TokenException(TokenException.Reason.BAD_SIGNATURE, "signature does not verify");
            }
        } catch (JOSEException e) {
            throw new TokenException(TokenException.Reason.BAD_SIGNATURE, "signature does not verify");
        }
        return checkClaims(claims, expiredGrace);
    }

    private TokenClaims checkClaims(JWTClaimsSet claims, Duration expiredGrace) throws TokenException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new TokenException(TokenException.Reason.WRONG_ISSUER, "iss: " + claims.getIssuer() + " (expected: " + issuer + ")");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new TokenException(TokenException.Reason.WRONG_AUDIENCE, "aud: " + claims.getAudience() + " (expected: " + audience + ")");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new TokenException(TokenException.Reason.MISSING_CLAIM, "exp: missing");
        }
        if (now.minus(clockSkew).minus(expiredGrace).isAfter(exp.toInstant())) {
            throw new TokenException(TokenException.Reason.EXPIRED, "exp: " + exp.toInstant() + " has passed");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(clockSkew).isBefore(nbf.toInstant())) {
            throw new TokenException(TokenException.Reason.NOT_YET_VALID, "nbf: " + nbf.toInstant() + " is in the future");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || claims.getJWTID() == null) {
            throw new TokenException(TokenException.Reason.MISSING_CLAIM, "iat and jti are required");
        }
        try {
            Object device = claims.getClaim(TokenClaims.DEVICE_CLAIM);
            if (!(device instanceof String deviceText) || claims.getSubject() == null) {
                throw new TokenException(TokenException.Reason.MISSING_CLAIM, "sub and " + TokenClaims.DEVICE_CLAIM + " are required");
            }
            Object authTime = claims.getClaim(TokenClaims.AUTH_TIME_CLAIM);
            Instant authenticatedAt;
            if (authTime == null) {
                authenticatedAt = iat.toInstant();
            } else if (authTime instanceof Number seconds) {
                authenticatedAt = Instant.ofEpochSecond(seconds.longValue());
            } else {
                throw new TokenException(TokenException.Reason.MALFORMED, TokenClaims.AUTH_TIME_CLAIM + ": not a number");
            }
            return new TokenClaims(UserId.parse(claims.getSubject()), new DeviceId(deviceText), claims.getJWTID(),
                    iat.toInstant(), exp.toInstant(), authenticatedAt);
        } catch (IllegalArgumentException e) {
            throw new TokenException(TokenException.Reason.MALFORMED, e.getMessage());
        }
    }
}
