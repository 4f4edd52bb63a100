package io.pushfleet.control.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.control.config.PushConfig;
import io.pushfleet.model.id.DeviceId;
import io.pushfleet.model.id.UserId;
import io.pushfleet.model.token.SignatureProvider;
import io.pushfleet.model.token.SigningKeys;
import io.pushfleet.model.token.TokenClaims;
import io.pushfleet.model.token.TokenIssuer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issues access tokens (DESIGN 3.1) with the active key of the JWK set in {@code push.token.key-file},
 * and publishes the set's public keys to Redis at startup and every {@code push.token.republish-interval}
 * (Redis may have lost them), so edges can verify tokens whichever control plane signed them.
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final JWKSet keys;
    private final TokenIssuer issuer;
    private final SignatureProvider signatures;
    private final JwksRepository jwks;

    public TokenService(PushConfig config, Clock clock, JwksRepository jwks) {
        PushConfig.Token token = config.token();
        this.keys = loadKeys(token.keyFile(), token.generateIfMissing());
        try {
            this.signatures = SignatureProvider.select(token.crypto());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("push.token.crypto=" + token.crypto().name().toLowerCase(Locale.ROOT) + ": "
                    + e.getMessage(), e);
        }
        this.issuer = new TokenIssuer(SigningKeys.activeKey(keys), token.issuer(), token.audience(), token.ttl(), clock,
                signatures.provider());
        this.jwks = jwks;
        LOG.info("signing with kid={} ({} keys in {}), signatures by {}", issuer.keyId(), keys.getKeys().size(),
                token.keyFile(), signatures.name());
    }

    /** Who signs and checks tokens here ({@code push.token.crypto}). */
    public SignatureProvider signatures() {
        return signatures;
    }

    void publishAtStartup(@Observes StartupEvent event) {
        publish();
    }

    @Scheduled(every = "${push.token.republish-interval}", delayed = "${push.token.republish-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republish() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.warn("republishing public keys failed, retrying next interval: {}", e.toString());
        }
    }

    private void publish() {
        jwks.publish(publicKeys());
        LOG.debug("published public keys kid={}", issuer.keyId());
    }

    public TokenIssuer.IssuedToken issue(UserId userId, DeviceId deviceId) {
        return issuer.issue(userId, deviceId);
    }

    /** A fresh token for the same user and device, keeping the time the password was last checked. */
    public TokenIssuer.IssuedToken refresh(TokenClaims claims) {
        return issuer.issue(claims.userId(), claims.deviceId(), claims.authenticatedAt());
    }

    /** The public half of every key in the set, active key first. */
    public JWKSet publicKeys() {
        return SigningKeys.publicOnly(keys);
    }

    public String activeKeyId() {
        return issuer.keyId();
    }

    private static JWKSet loadKeys(Path file, boolean generateIfMissing) {
        try {
            if (Files.notExists(file)) {
                if (!generateIfMissing) {
                    throw new IllegalStateException("push.token.key-file: " + file.toAbsolutePath()
                            + " does not exist (expected: a JWK set; push.token.generate-if-missing=true creates one,"
                            + " for local use only)");
                }
                String keyId = "cp-" + LocalDate.now(Clock.systemUTC()).format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
                SigningKeys.write(new JWKSet(SigningKeys.generate(keyId)), file);
                LOG.warn("generated a new signing key kid={} in {}: fine for local use, not for a fleet", keyId,
                        file.toAbsolutePath());
            }
            // Read back even after writing: if two processes raced to create the file, both use what won.
            return SigningKeys.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("push.token.key-file: " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
