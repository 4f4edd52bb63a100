package io.pushfleet.control.health;

import io.pushfleet.control.auth.JwksRepository;
import io.pushfleet.control.auth.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the active signing key is published in Redis: a token edges cannot verify is
 * useless, so until {@link TokenService} (re)publishes it, this instance should take no logins.
 */
@Readiness
@ApplicationScoped
public class SigningKeysHealthCheck implements HealthCheck {

    static final String NAME = "signing-keys-published";

    private final TokenService tokens;
    private final JwksRepository jwks;

    public SigningKeysHealthCheck(TokenService tokens, JwksRepository jwks) {
        this.tokens = tokens;
        this.jwks = jwks;
    }

    @Override
    public HealthCheckResponse call() {
        String keyId = tokens.activeKeyId();
        boolean published;
        try {
            published = jwks.isPublished(keyId);
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("kid", keyId).withData("error", "redis unavailable").build();
        }
        return HealthCheckResponse.named(NAME).status(published).withData("kid", keyId).build();
    }
}
