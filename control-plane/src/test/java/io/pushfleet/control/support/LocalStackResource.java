package io.pushfleet.control.support;

import io.pushfleet.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at real Redis and MariaDB: the local-stack {@code test} instance,
 * started if it is not running yet. Left running afterwards on purpose: {@code start} is idempotent,
 * so the next test class or module (and the next run) reuses it instead of paying for a restart.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.forTests().start(LocalStack.Service.REDIS, LocalStack.Service.MARIADB);
        return Map.of(
                "quarkus.redis.hosts", stack.redisUri(),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                "quarkus.datasource.username", stack.dbUser(),
                "quarkus.datasource.password", stack.dbPassword());
    }

    @Override
    public void stop() {
        // Nothing: see the class comment.
    }
}
