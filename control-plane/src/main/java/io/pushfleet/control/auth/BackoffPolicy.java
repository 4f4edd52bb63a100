package io.pushfleet.control.auth;

import io.pushfleet.control.config.PushConfig;

/**
 * Reconnect backoff a client must use: the n-th retry waits {@code min(maxMs, baseMs * factor^n)},
 * spread randomly by {@code +-jitter} of itself, so a failed edge's clients do not return all at once.
 */
public record BackoffPolicy(long baseMs, double factor, double jitter, long maxMs) {

    public static BackoffPolicy of(PushConfig.Client.Backoff config) {
        return new BackoffPolicy(config.base().toMillis(), config.factor(), config.jitter(), config.max().toMillis());
    }
}
