package io.pushfleet.control.config;

import io.pushfleet.control.routing.SelectionStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Parts of the startup check (push.routing.*, the bcrypt cost): every bad value named, all at once. */
class ConfigCheckTest {

    record Auto(Duration interval, Duration rampUp, double rampStart, int hysteresis, int maxStep, Duration maxLoopLag,
                double vanishThreshold, Duration vanishHold) implements PushConfig.Routing.Auto {
    }

    record Routing(SelectionStrategy strategy, Duration settingPoll, Duration nodeTtl, int fallbacks,
                   Optional<String> weights, PushConfig.Routing.Auto auto) implements PushConfig.Routing {
    }

    record Auth(int bcryptCost, boolean allowTestBcryptCost) implements PushConfig.Auth {
        @Override
        public RateLimit rateLimit() {
            throw new UnsupportedOperationException("not checked here");
        }
    }

    private static final Auto DEFAULT_AUTO = new Auto(Duration.ofSeconds(2), Duration.ofSeconds(60), 0.1, 5, 20,
            Duration.ofMillis(100), 0.5, Duration.ofSeconds(30));

    private static List<String> problems(PushConfig.Routing routing) {
        List<String> problems = new ArrayList<>();
        ConfigCheck.routingProblems(problems, routing);
        return problems;
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(problems(new Routing(SelectionStrategy.AUTO, Duration.ofSeconds(1), Duration.ofSeconds(15), 2,
                Optional.empty(), DEFAULT_AUTO))).isEmpty();
    }

    @Test
    void namesEveryBadAutoValueAtOnce() {
        Auto bad = new Auto(Duration.ZERO, Duration.ofSeconds(-1), 0.0, 51, 0, Duration.ZERO, 1.5, Duration.ofSeconds(-3));

        assertThat(problems(new Routing(SelectionStrategy.AUTO, Duration.ofSeconds(1), Duration.ofSeconds(15), 2,
                Optional.empty(), bad))).containsExactly(
                "push.routing.auto.interval: PT0S (expected: > 0)",
                "push.routing.auto.ramp-up: PT-1S (expected: >= 0)",
                "push.routing.auto.ramp-start: 0.0 (expected: > 0 and <= 1)",
                "push.routing.auto.hysteresis: 51 (expected: 0..50)",
                "push.routing.auto.max-step: 0 (expected: 1..100)",
                "push.routing.auto.max-loop-lag: PT0S (expected: > 0)",
                "push.routing.auto.vanish-threshold: 1.5 (expected: > 0 and <= 1)",
                "push.routing.auto.vanish-hold: PT-3S (expected: > 0)");
    }

    @Test
    void namesBadWeightsWhateverTheStrategyAndABadPollAndFallbacks() {
        assertThat(problems(new Routing(SelectionStrategy.ROUND_ROBIN, Duration.ZERO, Duration.ofSeconds(15), 9,
                Optional.of("edge-a=0"), DEFAULT_AUTO))).containsExactly(
                "push.routing.setting-poll: PT0S (expected: > 0)",
                "push.routing.fallbacks: 9 (expected: 0..8)",
                "push.routing.weights: 'edge-a=0' (expected: an integer weight 1..10000 after '=')");
    }

    @Test
    void acceptsABcryptCostBelowTenOnlyWhenATestFleetAllowsIt() {
        assertThat(bcryptProblems(new Auth(10, false))).isEmpty();
        assertThat(bcryptProblems(new Auth(9, false))).containsExactly("push.auth.bcrypt-cost: 9 (expected: 10..14)");
        assertThat(bcryptProblems(new Auth(15, false))).containsExactly("push.auth.bcrypt-cost: 15 (expected: 10..14)");
        assertThat(bcryptProblems(new Auth(4, true))).isEmpty();
        assertThat(bcryptProblems(new Auth(3, true))).containsExactly("push.auth.bcrypt-cost: 3 (expected: 4..14)");
        assertThat(bcryptProblems(new Auth(15, true))).containsExactly("push.auth.bcrypt-cost: 15 (expected: 4..14)");
    }

    private static List<String> bcryptProblems(PushConfig.Auth auth) {
        List<String> problems = new ArrayList<>();
        ConfigCheck.bcryptProblems(problems, auth);
        return problems;
    }
}
