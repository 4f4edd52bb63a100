package io.pushfleet.control.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import io.pushfleet.control.config.PushConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * bcrypt ({@code $2a$}, cost {@code push.auth.bcrypt-cost}). bcrypt reads at most 72 bytes of a
 * password; longer ones (our limit is 128 characters, up to 512 UTF-8 bytes) are first hashed with
 * SHA-512 by the library's {@code hashSha512} strategy, so that no part of a long password is ignored.
 * Created at startup because the dummy hash for {@link #matchNothing} costs one full bcrypt round.
 */
@Startup
@ApplicationScoped
public class BcryptPasswordHasher implements PasswordHasher {

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, new SecureRandom(), LONG_PASSWORDS);
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);
    private final String dummyHash;

    @Inject
    public BcryptPasswordHasher(PushConfig config) {
        this(config.auth().bcryptCost());
    }

    BcryptPasswordHasher(int cost) {
        this.cost = cost;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hash(HexFormat.of().formatHex(random));
    }

    @Override
    public String hash(String password) {
        return hasher.hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean matches(String password, String storedHash) {
        return verifyer.verify(password.toCharArray(), storedHash.toCharArray()).verified;
    }

    @Override
    public void matchNothing(String password) {
        matches(password, dummyHash);
    }
}
