package io.pushfleet.control.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@link PushConfig} as a whole before anything else starts, fails startup with every problem
 * listed at once, and logs the effective settings with the admin keys masked.
 */
@ApplicationScoped
public class ConfigCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigCheck.class);
    static final int MIN_ADMIN_KEY_LENGTH = 16;
    static final int MAX_FALLBACKS = 8;

    void onStart(@Observes @Priority(1) StartupEvent event, PushConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
        LOG.info("config: token.keyFile={} token.issuer={} token.audience={} token.ttl={} admin.keys={} (masked)"
                        + " routing.strategy={} routing.nodeTtl={} routing.fallbacks={} client.heartbeat={}"
                        + " auth.bcryptCost={}",
                config.token().keyFile(), config.token().issuer(), config.token().audience(), config.token().ttl(),
                config.admin().keys().size(), config.routing().strategy(), config.routing().nodeTtl(),
                config.routing().fallbacks(), config.client().heartbeat(), config.auth().bcryptCost());
    }

    /** Every problem with {@code config}, in words an operator can act on; empty when it is usable. */
    static List<String> problems(PushConfig config) {
        List<String> problems = new ArrayList<>();
        positive(problems, "push.token.ttl", config.token().ttl());
        positive(problems, "push.token.republish-interval", config.token().republishInterval());
        positive(problems, "push.routing.node-ttl", config.routing().nodeTtl());
        positive(problems, "push.client.heartbeat", config.client().heartbeat());
        positive(problems, "push.client.backoff.base", config.client().backoff().base());
        if (config.admin().keys().isEmpty()) {
            problems.add("push.admin.keys: empty (expected: at least one key)");
        }
        for (int i = 0; i < config.admin().keys().size(); i++) {
            int length = config.admin().keys().get(i).length();
            if (length < MIN_ADMIN_KEY_LENGTH) {
                problems.add("push.admin.keys[" + i + "]: " + length + " characters (expected: >= "
                        + MIN_ADMIN_KEY_LENGTH + ")");
            }
        }
        int fallbacks = config.routing().fallbacks();
        if (fallbacks < 0 || fallbacks > MAX_FALLBACKS) {
            problems.add("push.routing.fallbacks: " + fallbacks + " (expected: 0.." + MAX_FALLBACKS + ")");
        }
        PushConfig.Client.Backoff backoff = config.client().backoff();
        if (backoff.factor() < 1.0) {
            problems.add("push.client.backoff.factor: " + backoff.factor() + " (expected: >= 1.0)");
        }
        if (backoff.jitter() < 0.0 || backoff.jitter() > 1.0) {
            problems.add("push.client.backoff.jitter: " + backoff.jitter() + " (expected: 0.0..1.0)");
        }
        if (backoff.max().compareTo(backoff.base()) < 0) {
            problems.add("push.client.backoff.max: " + backoff.max() + " (expected: >= push.client.backoff.base)");
        }
        int cost = config.auth().bcryptCost();
        if (cost < 10 || cost > 14) {
            problems.add("push.auth.bcrypt-cost: " + cost + " (expected: 10..14)");
        }
        if (config.http().authMaxBody().asLongValue() <= 0) {
            problems.add("push.http.auth-max-body: must be > 0");
        }
        return problems;
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + ": " + value + " (expected: > 0)");
        }
    }
}
