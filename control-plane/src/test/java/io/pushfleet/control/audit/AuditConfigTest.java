package io.pushfleet.control.audit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AuditConfigTest {

    private record Settings(boolean enabled, Duration interval, Duration lockLease, int batchSize,
                            int maxStreamEntriesPerPass) implements AuditConfig {
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(new Settings(true, Duration.ofSeconds(5), Duration.ofSeconds(30), 500, 5000).problems()).isEmpty();
    }

    @Test
    void namesEveryBadSettingAtOnce() {
        assertThat(new Settings(true, Duration.ZERO, Duration.ZERO, 0, 0).problems()).containsExactly(
                "push.audit.interval: PT0S (expected: > 0)",
                "push.audit.lock-lease: PT0S (expected: > push.audit.interval)",
                "push.audit.batch-size: 0 (expected: 1..10000)",
                "push.audit.max-stream-entries-per-pass: 0 (expected: >= 1)");
    }

    @Test
    void refusesALeaseThatCouldRunOutBetweenTwoPasses() {
        assertThat(new Settings(true, Duration.ofSeconds(30), Duration.ofSeconds(30), 10_001, 1).problems())
                .containsExactly("push.audit.lock-lease: PT30S (expected: > push.audit.interval)",
                        "push.audit.batch-size: 10001 (expected: 1..10000)");
    }
}
