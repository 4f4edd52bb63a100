package io.pushfleet.bench.fleet;

import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenIssuer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Signs access tokens for synthetic users with the control plane's own key file, so a benchmark can
 * connect thousands of clients without accounts or logins (login and bcrypt are not what it measures).
 * Only for a local or test fleet: it needs the private signing key.
 */
public final class TokenMint {

    public static final String ISSUER = "pushfleet-control-plane";
    public static final String AUDIENCE = "pushfleet-edge";
    /** Long enough for any benchmark run; the edge checks expiry only at auth. */
    static final Duration TTL = Duration.ofHours(2);

    private final TokenIssuer issuer;
    private final DeviceId device;

    public TokenMint(TokenIssuer issuer, DeviceId device) {
        this.issuer = requireNonNull(issuer, "issuer");
        this.device = requireNonNull(device, "device");
    }

    /** Reads the key file ({@code .local-stack/dev/run/signing-keys.json} for {@code bin/start}). */
    public static TokenMint fromKeyFile(Path keyFile, String issuer, String audience, DeviceId device) throws IOException {
        JWKSet keys = SigningKeys.read(keyFile);
        return new TokenMint(new TokenIssuer(SigningKeys.activeKey(keys), issuer, audience, TTL, Clock.systemUTC()),
                device);
    }

    public String keyId() {
        return issuer.keyId();
    }

    /** One token per user, signed in parallel (ES256 costs about a tenth of a millisecond each). */
    public List<String> mint(List<UserId> users) {
        return IntStream.range(0, users.size()).parallel()
                .mapToObj(i -> issuer.issue(users.get(i), device).token())
                .toList();
    }
}
