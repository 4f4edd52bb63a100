package io.pushfleet.model.token;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import org.junit.jupiter.api.Test;

import java.security.Provider;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureProviderTest {

    private static final String ISS = "pushfleet-control-plane";
    private static final String AUD = "pushfleet-edge";

    private final Clock clock = Clock.systemUTC();
    private final ECKey key = SigningKeys.generate("k1");
    private final Provider conscrypt = SignatureProvider.select(TokenCrypto.CONSCRYPT).provider();

    @Test
    void autoPicksConscryptWhereItsLibraryLoads() {
        // The build and CI machines are linux-x86_64, one of the platforms the Conscrypt jar carries a library for.
        assertThat(SignatureProvider.select(TokenCrypto.AUTO).name()).isEqualTo("conscrypt");
        assertThat(SignatureProvider.select(TokenCrypto.JDK).provider()).isNull();
        assertThat(SignatureProvider.select(TokenCrypto.JDK).name()).isEqualTo("jdk");
    }

    @Test
    void conscryptAcceptsTheIssuersTokensAndRefusesForgedAndTamperedOnes() throws TokenException {
        TokenVerifier verifier = verifier(conscrypt);
        String token = issuer(key, null).issue(new UserId(5), new DeviceId("d")).token();
        String forged = issuer(SigningKeys.generate("k1"), null).issue(new UserId(5), new DeviceId("d")).token();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThat(verifier.verify(token).userId()).isEqualTo(new UserId(5));
        for (String bad : new String[] {forged, tampered}) {
            assertThatThrownBy(() -> verifier.verify(bad))
                    .isInstanceOfSatisfying(TokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.BAD_SIGNATURE));
        }
    }

    @Test
    void tokensSignedByEitherProviderVerifyWithTheOther() throws TokenException {
        String byConscrypt = issuer(key, conscrypt).issue(new UserId(6), new DeviceId("d")).token();
        String byJdk = issuer(key, null).issue(new UserId(7), new DeviceId("d")).token();

        assertThat(verifier(null).verify(byConscrypt).userId()).isEqualTo(new UserId(6));
        assertThat(verifier(conscrypt).verify(byJdk).userId()).isEqualTo(new UserId(7));
        assertThat(verifier(conscrypt).verify(byConscrypt).userId()).isEqualTo(new UserId(6));
    }

    private TokenIssuer issuer(ECKey signingKey, Provider provider) {
        return new TokenIssuer(signingKey, ISS, AUD, Duration.ofHours(1), clock, provider);
    }

    private TokenVerifier verifier(Provider provider) {
        return new TokenVerifier(SigningKeys.publicOnly(new JWKSet(key)), ISS, AUD, Duration.ofSeconds(30), clock, provider);
    }
}
