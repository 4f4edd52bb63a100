package io.pushfleet.control.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushfleet.control.web.ApiException;
import io.pushfleet.control.web.ErrorCode;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenIssuer;
import io.pushfleet.model.token.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UserAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ECKey KEY = SigningKeys.generate("cp-test");

    private static final Duration GRACE = Duration.ofDays(7);
    private static final Duration MAX_AGE = Duration.ofDays(30);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UserAuthenticator authenticator = new UserAuthenticator(
            new TokenVerifier(new JWKSet(KEY.toPublicJWK()), "iss", "aud", UserAuthenticator.CLOCK_SKEW, CLOCK),
            GRACE, MAX_AGE, CLOCK, meters);

    private static String token(ECKey key, Clock clock) {
        return new TokenIssuer(key, "iss", "aud", Duration.ofHours(1), clock)
                .issue(new UserId(42), new DeviceId("phone")).token();
    }

    private ApiException refusal(String authorization) {
        return catchThrowableOfType(ApiException.class, () -> authenticator.authenticate(authorization));
    }

    @Test
    void acceptsAValidBearerTokenWhateverTheCaseOfTheScheme() {
        String token = token(KEY, CLOCK);

        assertThat(authenticator.authenticate("Bearer " + token).userId()).isEqualTo(new UserId(42));
        assertThat(authenticator.authenticate("bearer  " + token).deviceId()).isEqualTo(new DeviceId("phone"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", "eyJhbGciOiJFUzI1NiJ9.e30.sig"})
    void refusesAMissingOrNonBearerHeaderAsUnauthorized(String authorization) {
        ApiException e = refusal(authorization);

        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(meters.counter("pushfleet.user.auth.refused", "reason", "missing").count()).isEqualTo(1);
    }

    @Test
    void refusesATokenSignedWithAKeyOfAnotherIssuerWithoutEchoingIt() {
        String forged = token(SigningKeys.generate("cp-test"), CLOCK);

        ApiException e = refusal("Bearer " + forged);

        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(e.getMessage()).isEqualTo("bearer token refused: bad_signature").doesNotContain(forged);
    }

    @Test
    void refusesAnExpiredTokenAfterTheClockSkew() {
        String old = token(KEY, Clock.fixed(NOW.minus(Duration.ofHours(1)).minusSeconds(31), ZoneOffset.UTC));

        assertThat(refusal("Bearer " + old).getMessage()).isEqualTo("bearer token refused: expired");
        assertThat(meters.counter("pushfleet.user.auth.refused", "reason", "expired").count()).isEqualTo(1);
    }

    // docs/control-plane.md, "Refresh": a recently expired token may be refreshed, an older one not.
    @Test
    void acceptsATokenExpiredWithinTheGraceOnlyForARefresh() {
        String expired = token(KEY, Clock.fixed(NOW.minus(Duration.ofDays(6)), ZoneOffset.UTC));

        assertThat(authenticator.authenticateForRefresh("Bearer " + expired).userId()).isEqualTo(new UserId(42));
        assertThat(refusal("Bearer " + expired).getMessage()).isEqualTo("bearer token refused: expired");
    }

    @Test
    void refusesARefreshOfATokenExpiredLongerThanTheGrace() {
        String expired = token(KEY, Clock.fixed(NOW.minus(GRACE).minus(Duration.ofHours(2)), ZoneOffset.UTC));

        ApiException e = catchThrowableOfType(ApiException.class, () -> authenticator.authenticateForRefresh("Bearer " + expired));

        assertThat(e.getMessage()).isEqualTo("bearer token refused: expired");
    }

    @Test
    void refusesARefreshWhenThePasswordWasCheckedLongerAgoThanTheMaxAge() {
        String refreshedOften = new TokenIssuer(KEY, "iss", "aud", Duration.ofHours(1), CLOCK)
                .issue(new UserId(42), new DeviceId("phone"), NOW.minus(MAX_AGE).minusSeconds(1)).token();

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> authenticator.authenticateForRefresh("Bearer " + refreshedOften));

        assertThat(e.errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(e.getMessage()).startsWith("bearer token refused: too_old");
        assertThat(meters.counter("pushfleet.user.auth.refused", "reason", "too_old").count()).isEqualTo(1);
        assertThat(authenticator.authenticate("Bearer " + refreshedOften).userId()).as("still valid for the rest")
                .isEqualTo(new UserId(42));
    }

    @Test
    void refusesGarbageAsMalformed() {
        assertThat(refusal("Bearer not-a-jwt").getMessage()).isEqualTo("bearer token refused: malformed");
    }
}
