package io.pushfleet.control.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.pushfleet.model.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public keys in Redis ({@link RedisKeys#JWKS}: kid to public JWK JSON), where edges read them.
 * Only ever adds or overwrites fields: keys another control plane published, or an older key still
 * verifying tokens it signed, stay until an operator removes them.
 */
@ApplicationScoped
public class JwksRepository {

    private final HashCommands<String, String, String> hashes;

    public JwksRepository(RedisDataSource redis) {
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    /** Writes every key of {@code publicKeys} (which must hold no private parts) under its kid. */
    public void publish(JWKSet publicKeys) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JWK key : publicKeys.getKeys()) {
            if (key.isPrivate()) {
                throw new IllegalArgumentException("publicKeys: kid " + key.getKeyID() + " has private parts");
            }
            fields.put(key.getKeyID(), key.toJSONString());
        }
        if (!fields.isEmpty()) {
            hashes.hset(RedisKeys.JWKS, fields);
        }
    }

    /** Whether a key with this kid is published. */
    public boolean isPublished(String keyId) {
        return hashes.hexists(RedisKeys.JWKS, keyId);
    }
}
