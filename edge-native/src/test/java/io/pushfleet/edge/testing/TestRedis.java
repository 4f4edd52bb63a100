package io.pushfleet.edge.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.pushfleet.model.redis.RedisKeys;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own {@link RedisServer} with a client connected to it, as a JUnit extension registered on a
 * static field ({@code @RegisterExtension static final TestRedis REDIS = ...}): it starts before the class's
 * {@code @BeforeAll} methods and stops after its {@code @AfterAll} ones, so nodes built there find Redis up and
 * are closed before it goes. With {@link #withKeysOf} the tokens' public key is published as the JWKS edges read.
 */
public final class TestRedis implements BeforeAllCallback, AfterAllCallback {

    private final TestTokens tokens;
    private RedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private TestRedis(TestTokens tokens) {
        this.tokens = tokens;
    }

    /** A server with nothing in it. */
    public static TestRedis empty() {
        return new TestRedis(null);
    }

    /** A server whose JWKS hash holds the public key of {@code tokens}, so edges accept what they issue. */
    public static TestRedis withKeysOf(TestTokens tokens) {
        return new TestRedis(tokens);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = RedisServer.start();
        client = RedisClient.create(server.uri());
        connection = client.connect();
        if (tokens != null) {
            connection.sync().hset(RedisKeys.JWKS, TestTokens.KID, tokens.key().toPublicJWK().toJSONString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    public String uri() {
        return server.uri();
    }

    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    public RedisAsyncCommands<String, String> async() {
        return connection.async();
    }
}
