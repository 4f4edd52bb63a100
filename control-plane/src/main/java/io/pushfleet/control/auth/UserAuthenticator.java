package io.pushfleet.control.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.token.TokenClaims;
import io.pushfleet.model.token.TokenException;
import io.pushfleet.model.token.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Authenticates a user's REST call by the access token of {@code Authorization: Bearer <token>}, the same
 * token edges accept (DESIGN 3.1), verified with shared-model's {@link TokenVerifier} over the public keys
 * of this control plane's key set (so every kid of the key file verifies, the active one and older ones).
 * Refusals are {@code 401 unauthorized}, counted by reason in {@code pushfleet_user_auth_refused_total};
 * the token itself is never logged. A token presented to be refreshed ({@link #authenticateForRefresh}) may
 * have expired up to {@code push.token.refresh-grace} ago.
 */
@ApplicationScoped
public class UserAuthenticator {

    /** As on the edges (protocol.md 5, code 4003): tolerated difference between clocks. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(UserAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final Duration refreshGrace;
    private final Duration refreshMaxAge;
    private final Clock clock;
    private final MeterRegistry meters;

    @Inject
    public UserAuthenticator(TokenService tokens, PushConfig config, Clock clock, MeterRegistry meters) {
        this(new TokenVerifier(tokens.publicKeys(), config.token().issuer(), config.token().audience(), CLOCK_SKEW,
                clock, tokens.signatures().provider()), config.token().refreshGrace(), config.token().refreshMaxAge(), clock, meters);
    }

    /** Over any verifier, e.g. one with other keys in a unit test. */
    public UserAuthenticator(TokenVerifier verifier, Duration refreshGrace, Duration refreshMaxAge, Clock clock,
                             MeterRegistry meters) {
        this.verifier = verifier;
        this.refreshGrace = refreshGrace;
        this.refreshMaxAge = refreshMaxAge;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The verified claims of the bearer token in an {@code Authorization} header value.
     *
     * @throws ApiException {@code unauthorized} when the header is missing, not {@code Bearer}, or the
     *     token does not verify
     */
    public TokenClaims authenticate(String authorization) {
        return verify(authorization, Duration.ZERO);
    }

    /**
     * The verified claims of a bearer token presented to be refreshed: as {@link #authenticate}, but the token may
     * have expired up to {@code push.token.refresh-grace} ago; refused ({@code too_old}) when the user's password
     * was last checked ({@code auth_time}) more than {@code push.token.refresh-max-age} ago.
     *
     * @throws ApiException {@code unauthorized}
     */
    public TokenClaims authenticateForRefresh(String authorization) {
        TokenClaims claims = verify(authorization, refreshGrace);
        if (claims.authenticatedAt().plus(refreshMaxAge).isBefore(clock.instant())) {
            throw refused("too_old", "bearer token refused: too_old (the password was checked longer ago than"
                    + " refreshes are allowed; log in again)");
        }
        return claims;
    }

    private TokenClaims verify(String authorization, Duration expiredGrace) {
        String token = bearerToken(authorization);
        if (token == null) {
            throw refused("missing", "missing bearer token (expected: Authorization: Bearer <access token>)");
        }
        try {
            return verifier.verify(token, expiredGrace);
        } catch (TokenException e) {
            // The reason and TokenException's message never contain the token text.
            String reason = e.reason().name().toLowerCase(Locale.ROOT);
            LOG.debug("user token refused: reason={} {}", reason, e.getMessage());
            throw refused(reason, "bearer token refused: " + reason);
        }
    }

    /** The credentials of a {@code Bearer} header (scheme case-insensitive), or null if it is not one. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private ApiException refused(String reason, String message) {
        meters.counter("pushfleet.user.auth.refused", "reason", reason).increment();
        return new ApiException(ErrorCode.UNAUTHORIZED, message);
    }
}
