package io.pushfleet.control.uplink;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the uplink consumer, under {@code push.uplink.}; described in {@code application.properties}
 * and docs/control-plane.md. The broker address is Kafka's own {@code kafka.bootstrap.servers}. Checked
 * as a whole by {@link #problems()} when the consumer starts.
 */
@ConfigMapping(prefix = "push.uplink")
public interface UplinkConfig {

    /** Run the consumer. Readiness still checks Kafka when off. Default true. */
    @WithDefault("true")
    boolean enabled();

    /** Kafka consumer group shared by every control plane. Default {@code control-plane-uplink}. */
    @WithDefault("control-plane-uplink")
    String groupId();

    /** Records per poll, which is also the most rows per database transaction. Default 500. */
    @WithDefault("500")
    int maxPollRecords();

    /** Longest wait of one poll; also bounds how long a stop or restart waits. Default 1s. */
    @WithDefault("1s")
    Duration pollTimeout();

    /** Longest wait for an offset commit before the consumer is given up and recreated. Default 10s. */
    @WithDefault("10s")
    Duration commitTimeout();

    /** First wait before a failed consumer is recreated; doubles up to {@link #retryBackoffMax()}. Default 1s. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Default 30s. */
    @WithDefault("30s")
    Duration retryBackoffMax();

    /** Malformed records are counted always and logged at most once per this interval. Default 10s. */
    @WithDefault("10s")
    Duration malformedLogInterval();

    /** Longest wait of the Kafka readiness check for the broker to answer. Default 3s. */
    @WithDefault("3s")
    Duration healthTimeout();

    /** Every problem with these settings, in words an operator can act on; empty when usable. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (groupId().isBlank()) {
            problems.add("push.uplink.group-id: blank (expected: a consumer group name)");
        }
        if (maxPollRecords() < 1 || maxPollRecords() > 10_000) {
            problems.add("push.uplink.max-poll-records: " + maxPollRecords() + " (expected: 1..10000)");
        }
        positive(problems, "poll-timeout", pollTimeout());
        positive(problems, "commit-timeout", commitTimeout());
        positive(problems, "retry-backoff", retryBackoff());
        positive(problems, "malformed-log-interval", malformedLogInterval());
        positive(problems, "health-timeout", healthTimeout());
        if (retryBackoffMax().compareTo(retryBackoff()) < 0) {
            problems.add("push.uplink.retry-backoff-max: " + retryBackoffMax() + " (expected: >= push.uplink.retry-backoff)");
        }
        return problems;
    }

    private static void positive(List<String> problems, String name, Duration value) {
        if (!value.isPositive()) {
            problems.add("push.uplink." + name + ": " + value + " (expected: > 0)");
        }
    }
}
