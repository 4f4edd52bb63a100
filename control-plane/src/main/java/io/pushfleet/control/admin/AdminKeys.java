package io.pushfleet.control.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * The admin API keys, checked in constant time. Both sides are hashed with SHA-256 first so the
 * comparison does not even leak a key's length, and every configured key is compared, so the time
 * taken does not say which one (if any) came close.
 */
public final class AdminKeys {

    private static final String BEARER = "bearer ";

    private final List<byte[]> digests;

    public AdminKeys(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: empty (expected: at least one admin key)");
        }
        this.digests = keys.stream().map(AdminKeys::sha256).toList();
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <one of the keys>}. */
    public boolean accepts(String authorization) {
        String presented = bearerToken(authorization);
        if (presented == null) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] key : digests) {
            match |= MessageDigest.isEqual(key, digest);
        }
        return match;
    }

    /** The credentials of a {@code Bearer} header (scheme case-insensitive), or null if it is not one. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
