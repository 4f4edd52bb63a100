package io.pushfleet.control.config;

import io.pushfleet.control.routing.AutoWeightRules;
import io.pushfleet.control.routing.NodeWeights;
import io.pushfleet.control.web.TrustedProxies;
import io.pushfleet.model.codec.ProtocolLimits;
import io.pushfleet.model.redis.PushCommand;
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
    /** Largest attempts-per-window setting; 0 turns a limit off. */
    static final int MAX_RATE_LIMIT = 1_000_000;
    /** Ceiling of push.tasks.max-targets: one task's id list must stay one reasonable row. */
    static final int MAX_PUSH_TARGETS = 1_000_000;
    static final int MIN_BCRYPT_COST = 10;
    static final int MIN_TEST_BCRYPT_COST = 4;
    static final int MAX_BCRYPT_COST = 14;
    /** Below this a push frame could not even hold its own header. */
    static final int MIN_FRAME_BYTES = 1024;

    void onStart(@Observes @Priority(1) StartupEvent event, PushConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
        if (config.auth().bcryptCost() < MIN_BCRYPT_COST) {
            LOG.warn("push.auth.bcrypt-cost={} is below {} (push.auth.allow-test-bcrypt-cost): for test fleets only,"
                    + " stored passwords are cheap to guess", config.auth().bcryptCost(), MIN_BCRYPT_COST);
        }
        PushConfig.Auth.RateLimit limits = config.auth().rateLimit();
        LOG.info("config: token.keyFile={} token.issuer={} token.audience={} token.ttl={} admin.keys={}"
                        + " admin.readKeys={} (masked) routing.strategy={} routing.nodeTtl={} routing.fallbacks={}"
                        + " client.heartbeat={} auth.bcryptCost={} auth.rateLimit.loginPerIp={}"
                        + " auth.rateLimit.loginPerUser={} auth.rateLimit.registerPerIp={} auth.rateLimit.window={}"
                        + " http.trustedProxies={} tasks.maxTargets={} tasks.chunkSize={} tasks.defaultTtl={}"
                        + " tasks.maxTtl={} tasks.maxFrameBytes={} tasks.routerThreads={} tasks.lease={}"
                        + " offline.chatTtl={} offline.replayLimit={} events.batchSize={} events.block={}"
                        + " events.claimIdle={}",
                config.token().keyFile(), config.token().issuer(), config.token().audience(), config.token().ttl(),
                config.admin().keys().size(), config.admin().readKeys().map(List::size).orElse(0),
                config.routing().strategy(), config.routing().nodeTtl(), config.routing().fallbacks(),
                config.client().heartbeat(), config.auth().bcryptCost(), limits.loginPerIp(), limits.loginPerUser(),
                limits.registerPerIp(), limits.window(), config.http().trustedProxies().orElse(List.of()),
                config.tasks().maxTargets(), config.tasks().chunkSize(), config.tasks().defaultTtl(),
                config.tasks().maxTtl(), config.tasks().maxFrameBytes().asLongValue(), config.tasks().routerThreads(),
                config.tasks().lease(), config.offline().chatTtl(), config.offline().replayLimit(),
                config.events().batchSize(), config.events().block(), config.events().claimIdle());
        PushConfig.Routing.Auto auto = config.routing().auto();
        LOG.info("config: routing.settingPoll={} routing.weights={} routing.auto.interval={} routing.auto.rampUp={}"
                        + " routing.auto.rampStart={} routing.auto.hysteresis={} routing.auto.maxStep={}"
                        + " routing.auto.maxLoopLag={} routing.auto.vanishThreshold={} routing.auto.vanishHold={}",
                config.routing().settingPoll(), config.routing().weights().orElse(""), auto.interval(), auto.rampUp(),
                auto.rampStart(), auto.hysteresis(), auto.maxStep(), auto.maxLoopLag(), auto.vanishThreshold(),
                auto.vanishHold());
    }

    /** The bcrypt cost: 10..14, or from 4 when a test fleet allows it. */
    static void bcryptProblems(List<String> problems, PushConfig.Auth auth) {
        int cost = auth.bcryptCost();
        int min = auth.allowTestBcryptCost() ? MIN_TEST_BCRYPT_COST : MIN_BCRYPT_COST;
        if (cost < min || cost > MAX_BCRYPT_COST) {
            problems.add("push.auth.bcrypt-cost: " + cost + " (expected: " + min + ".." + MAX_BCRYPT_COST + ")");
        }
    }

    /** Every problem with {@code config}, in words an operator can act on; empty when it is usable. */
    static List<String> problems(PushConfig config) {
        List<String> problems = new ArrayList<>();
        positive(problems, "push.token.ttl", config.token().ttl());
        positive(problems, "push.token.republish-interval", config.token().republishInterval());
        if (config.token().refreshGrace().isNegative()) {
            problems.add("push.token.refresh-grace: " + config.token().refreshGrace() + " (expected: >= 0)");
        }
        if (config.token().refreshMaxAge().compareTo(config.token().ttl()) < 0) {
            problems.add("push.token.refresh-max-age: " + config.token().refreshMaxAge()
                    + " (expected: >= push.token.ttl " + config.token().ttl() + ")");
        }
        positive(problems, "push.client.heartbeat", config.client().heartbeat());
        positive(problems, "push.client.backoff.base", config.client().backoff().base());
        if (config.admin().keys().isEmpty()) {
            problems.add("push.admin.keys: empty (expected: at least one key)");
        }
        adminKeyProblems(problems, "push.admin.keys", config.admin().keys());
        List<String> readKeys = config.admin().readKeys().orElse(List.of());
        adminKeyProblems(problems, "push.admin.read-keys", readKeys);
        for (int i = 0; i < readKeys.size(); i++) {
            if (config.admin().keys().contains(readKeys.get(i))) {
                problems.add("push.admin.read-keys[" + i + "]: also in push.admin.keys (expected: one role per key)");
            }
        }
        routingProblems(problems, config.routing());
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
        bcryptProblems(problems, config.auth());
        if (config.http().authMaxBody().asLongValue() <= 0) {
            problems.add("push.http.auth-max-body: must be > 0");
        }
        try {
            TrustedProxies.parse(config.http().trustedProxies().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            problems.add("push.http.trusted-proxies" + e.getMessage());
        }
        PushConfig.Auth.RateLimit limits = config.auth().rateLimit();
        Duration window = limits.window();
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
            problems.add("push.auth.rate-limit.window: " + window + " (expected: 1s..1h)");
        }
        range(problems, "push.auth.rate-limit.login-per-ip", limits.loginPerIp(), 0, MAX_RATE_LIMIT);
        range(problems, "push.auth.rate-limit.login-per-user", limits.loginPerUser(), 0, MAX_RATE_LIMIT);
        range(problems, "push.auth.rate-limit.register-per-ip", limits.registerPerIp(), 0, MAX_RATE_LIMIT);
        pushProblems(problems, config);
        return problems;
    }

    /** The problems of {@code push.routing.*}; the weights are parsed whatever the strategy, so a typo fails the start. */
    static void routingProblems(List<String> problems, PushConfig.Routing routing) {
        positive(problems, "push.routing.node-ttl", routing.nodeTtl());
        positive(problems, "push.routing.setting-poll", routing.settingPoll());
        range(problems, "push.routing.fallbacks", routing.fallbacks(), 0, MAX_FALLBACKS);
        try {
            NodeWeights.parse(routing.weights().orElse(null));
        } catch (IllegalArgumentException e) {
            problems.add("push.routing.weights: " + e.getMessage());
        }
        PushConfig.Routing.Auto auto = routing.auto();
        positive(problems, "push.routing.auto.interval", auto.interval());
        if (auto.rampUp().isNegative()) {
            problems.add("push.routing.auto.ramp-up: " + auto.rampUp() + " (expected: >= 0)");
        }
        fraction(problems, "push.routing.auto.ramp-start", auto.rampStart());
        range(problems, "push.routing.auto.hysteresis", auto.hysteresis(), 0, AutoWeightRules.FULL / 2);
        range(problems, "push.routing.auto.max-step", auto.maxStep(), 1, AutoWeightRules.FULL);
        positive(problems, "push.routing.auto.max-loop-lag", auto.maxLoopLag());
        fraction(problems, "push.routing.auto.vanish-threshold", auto.vanishThreshold());
        positive(problems, "push.routing.auto.vanish-hold", auto.vanishHold());
    }

    private static void pushProblems(List<String> problems, PushConfig config) {
        PushConfig.Tasks tasks = config.tasks();
        range(problems, "push.tasks.max-targets", tasks.maxTargets(), 1, MAX_PUSH_TARGETS);
        range(problems, "push.tasks.chunk-size", tasks.chunkSize(), 1, PushCommand.MAX_TARGETS_PER_ENTRY);
        range(problems, "push.tasks.router-threads", tasks.routerThreads(), 1, 64);
        long frame = tasks.maxFrameBytes().asLongValue();
        if (frame < MIN_FRAME_BYTES || frame > ProtocolLimits.ABSOLUTE_MAX_FRAME_BYTES) {
            problems.add("push.tasks.max-frame-bytes: " + frame + " (expected: " + MIN_FRAME_BYTES + ".."
                    + ProtocolLimits.ABSOLUTE_MAX_FRAME_BYTES + ")");
        }
        positive(problems, "push.tasks.default-ttl", tasks.defaultTtl());
        positive(problems, "push.tasks.lease", tasks.lease());
        positive(problems, "push.tasks.recovery-interval", tasks.recoveryInterval());
        if (tasks.maxTtl().compareTo(tasks.defaultTtl()) < 0) {
            problems.add("push.tasks.max-ttl: " + tasks.maxTtl() + " (expected: >= push.tasks.default-ttl)");
        }
        positive(problems, "push.offline.chat-ttl", config.offline().chatTtl());
        positive(problems, "push.offline.expiry-interval", config.offline().expiryInterval());
        range(problems, "push.offline.replay-limit", config.offline().replayLimit(), 1, 10_000);
        PushConfig.Events events = config.events();
        range(problems, "push.events.batch-size", events.batchSize(), 1, 10_000);
        positive(problems, "push.events.block", events.block());
        positive(problems, "push.events.claim-idle", events.claimIdle());
        positive(problems, "push.events.claim-interval", events.claimInterval());
    }

    private static void adminKeyProblems(List<String> problems, String name, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) {
            int length = keys.get(i).length();
            if (length < MIN_ADMIN_KEY_LENGTH) {
                problems.add(name + "[" + i + "]: " + length + " characters (expected: >= " + MIN_ADMIN_KEY_LENGTH + ")");
            }
        }
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }

    /** A fraction above 0 and at most 1. */
    private static void fraction(List<String> problems, String name, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            problems.add(name + ": " + value + " (expected: > 0 and <= 1)");
        }
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(name + ": " + value + " (expected: > 0)");
        }
    }
}
