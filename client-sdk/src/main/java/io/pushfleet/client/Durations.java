package io.pushfleet.client;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** The one check every configured timeout goes through. */
final class Durations {

    private Durations() {
    }

    static Duration requirePositive(String name, Duration d) {
        requireNonNull(d, name);
        if (d.toMillis() < 1) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: >= 1ms)");
        }
        return d;
    }
}
