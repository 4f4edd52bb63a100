package io.pushfleet.edge.registry;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.pushfleet.model.redis.RedisKeys;
import io.pushfleet.model.token.TokenVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The public keys tokens are verified with: the Redis hash {@code RedisKeys.JWKS} (kid to public JWK JSON,
 * published by the control plane) plus, optionally, a JWK set file. Only public parts are ever used. Keys
 * are re-read periodically so rotation by {@code kid} needs no restart; an empty read keeps the last keys.
 */
public final class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
    private static final Duration WAIT_LOG_EVERY = Duration.ofSeconds(30);

    private final RedisAsyncCommands<String, String> redis;
    private final Path file;
    private volatile String current = "";

    /** {@code file} may be null (no file). */
    public TokenKeys(RedisAsyncCommands<String, String> redis, Path file) {
        this.redis = requireNonNull(redis, "redis");
        this.file = file;
    }

    /**
     * Blocks until at least one key is known, retrying every {@code retry}; returns {@code null} if
     * {@code stop} opens first.
     */
    public JWKSet awaitInitial(Duration retry, Duration readTimeout, CountDownLatch stop) throws InterruptedException {
        long nextLog = 0;
        while (true) {
            try {
                JWKSet keys = merge(readFile(), redis.hgetall(RedisKeys.JWKS).get(readTimeout.toMillis(), TimeUnit.MILLISECONDS));
                if (!keys.isEmpty()) {
                    accept(keys);
                    return keys;
                }
                if (System.nanoTime() >= nextLog) {
                    log.info("waiting for token public keys: Redis hash '{}' is empty{} (the control plane publishes them)",
                            RedisKeys.JWKS, file == null ? "" : " and " + file + " has none");
                    nextLog = System.nanoTime() + WAIT_LOG_EVERY.toNanos();
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (System.nanoTime() >= nextLog) {
                    log.warn("waiting for token public keys: {}", e.toString());
                    nextLog = System.nanoTime() + WAIT_LOG_EVERY.toNanos();
                }
            }
            if (stop.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
        }
    }

    /** Re-reads the keys without blocking and hands a changed, non-empty set to {@code verifier}. */
    public void refresh(TokenVerifier verifier) {
        redis.hgetall(RedisKeys.JWKS).whenComplete((published, error) -> {
            if (error != null) {
                log.debug("token key refresh failed: {}", error.toString());
                return;
            }
            try {
                JWKSet keys = merge(readFile(), published);
                if (keys.isEmpty()) {
                    log.warn("token key refresh found no keys; keeping kids={}", verifier.keyIds());
                } else if (accept(keys)) {
                    verifier.replaceKeys(keys);
                }
            } catch (IOException e) {
                log.warn("token key refresh failed: {}", e.getMessage());
            }
        });
    }

    /** Remembers {@code keys}; true when they differ from the previous set. */
    private boolean accept(JWKSet keys) {
        String text = keys.toString(true);
        if (text.equals(current)) {
            return false;
        }
        current = text;
        log.info("token keys loaded kids={}", keys.getKeys().stream().map(JWK::getKeyID).toList());
        return true;
    }

    private List<JWK> readFile() throws IOException {
        if (file == null) {
            return List.of();
        }
        try {
            return JWKSet.parse(Files.readString(file)).getKeys();
        } catch (ParseException e) {
            throw new IOException(file + ": not a JWK set: " + e.getMessage(), e);
        }
    }

    private static JWKSet merge(List<JWK> fromFile, Map<String, String> published) {
        List<JWK> keys = new ArrayList<>();
        for (JWK k : fromFile) {
            JWK publicPart = k.toPublicJWK();
            if (publicPart != null) {
                keys.add(publicPart);
            }
        }
        for (Map.Entry<String, String> e : published.entrySet()) {
            try {
                JWK k = JWK.parse(e.getValue()).toPublicJWK();
                if (k == null) {
                    log.warn("skipped published key kid={}: not an asymmetric key", e.getKey());
                    continue;
                }
                if (!e.getKey().equals(k.getKeyID())) {
                    log.warn("skipped published key: field '{}' does not match its kid '{}'", e.getKey(), k.getKeyID());
                    continue;
                }
                keys.add(k);
            } catch (ParseException ex) {
                log.warn("skipped published key kid={}: not a JWK", e.getKey());
            }
        }
        keys.sort(Comparator.comparing(k -> String.valueOf(k.getKeyID())));
        return new JWKSet(keys);
    }
}
