package io.pushfleet.model.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * Key material in JWK form. A key file is a JWK set whose first key is the active signing key; the
 * others stay published so tokens signed before a rotation still verify until they expire.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    /** A fresh EC P-256 signing key with the given {@code kid}. */
    public static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("EC P-256 key generation failed", e);
        }
    }

    /** Reads a JWK set file; the first key must be a private EC key with a {@code kid}. */
    public static JWKSet read(Path file) throws IOException {
        JWKSet set;
        try {
            set = JWKSet.parse(Files.readString(file));
        } catch (ParseException e) {
            throw new IOException(file + ": not a JWK set: " + e.getMessage(), e);
        }
        if (set.getKeys().isEmpty() || !(set.getKeys().getFirst() instanceof ECKey first) || !first.isPrivate()
                || first.getKeyID() == null) {
            throw new IOException(file + ": the first key must be a private EC P-256 key with a kid");
        }
        return set;
    }

    /** The active signing key of a set read by {@link #read}. */
    public static ECKey activeKey(JWKSet set) {
        return (ECKey) set.getKeys().getFirst();
    }

    /** The same keys without their private parts, safe to publish. */
    public static JWKSet publicOnly(JWKSet set) {
        List<JWK> keys = set.getKeys().stream().map(JWK::toPublicJWK).toList();
        return new JWKSet(keys);
    }

    /** Writes a set (private parts included) to a file readable only by its owner where the OS allows. */
    public static void write(JWKSet set, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, set.toString(false));
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }
}
