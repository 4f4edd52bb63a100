package io.pushfleet.control.admin;

import io.pushfleet.control.web.AdminRole;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The admin API keys and their roles, checked in constant time. Both sides are hashed with SHA-256 first
 * so the comparison does not even leak a key's length, and every configured key is compared, so the time
 * taken does not say which one (if any) came close.
 */
public final class AdminKeys {

    private static final String BEARER = "bearer ";

    private record Entry(byte[] digest, AdminRole role) {
    }

    private final List<Entry> entries;

    /**
     * @param pushKeys keys with the {@link AdminRole#PUSH} role; at least one
     * @param readKeys keys with the {@link AdminRole#READ} role; none of them may also be a push key
     */
    public AdminKeys(List<String> pushKeys, List<String> readKeys) {
        if (pushKeys.isEmpty()) {
            throw new IllegalArgumentException("pushKeys: empty (expected: at least one admin key)");
        }
        Set<String> push = new HashSet<>(pushKeys);
        if (readKeys.stream().anyMatch(push::contains)) {
            throw new IllegalArgumentException("readKeys: a key is also a push key (expected: one role per key)");
        }
        List<Entry> all = new ArrayList<>();
        pushKeys.forEach(key -> all.add(new Entry(sha256(key), AdminRole.PUSH)));
        readKeys.forEach(key -> all.add(new Entry(sha256(key), AdminRole.READ)));
        this.entries = List.copyOf(all);
    }

    /** The role of the key in an {@code Authorization: Bearer <key>} header value; empty when it is no key of ours. */
    public Optional<AdminRole> roleOf(String authorization) {
        String presented = bearerToken(authorization);
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        AdminRole matched = null;
        // No early exit: every key is compared whatever the outcome.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                matched = entry.role();
            }
        }
        return Optional.ofNullable(matched);
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
