package io.pushfleet.bench.fleet;

import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenClaims;
import io.pushfleet.model.token.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenMintTest {

    @Test
    void mintsTokensAnEdgeAcceptsForEachUserInOrder(@TempDir Path dir) throws Exception {
        JWKSet keys = new JWKSet(SigningKeys.generate("bench-test"));
        Path file = dir.resolve("signing-keys.json");
        SigningKeys.write(keys, file);
        TokenMint mint = TokenMint.fromKeyFile(file, TokenMint.ISSUER, TokenMint.AUDIENCE, new DeviceId("bench"));
        TokenVerifier edge = new TokenVerifier(SigningKeys.publicOnly(keys), TokenMint.ISSUER, TokenMint.AUDIENCE,
                Duration.ofSeconds(30), Clock.systemUTC());

        List<String> tokens = mint.mint(List.of(new UserId(50_000_001), new UserId(50_000_002)));

        assertThat(tokens).hasSize(2);
        TokenClaims second = edge.verify(tokens.get(1));
        assertThat(second.userId()).isEqualTo(new UserId(50_000_002));
        assertThat(second.deviceId()).isEqualTo(new DeviceId("bench"));
        assertThat(mint.keyId()).isEqualTo("bench-test");
    }
}
