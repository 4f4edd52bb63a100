package io.pushfleet.control.auth;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Counts attempts per key in fixed windows: the first attempt opens a window of the given length, every
 * attempt in it adds one, and the count starts again when it ends. Shared by every control plane
 * ({@link RedisAttemptCounter}), so a client cannot multiply its allowance by spreading over instances.
 */
public interface AttemptCounter {

    /** Counts one attempt against {@code key} and returns its window as it is now. */
    Window hit(String key, Duration window);

    /** Attempts counted in the current window, this one included, and the time until the window ends. */
    record Window(long count, Duration resetsIn) {
        public Window {
            requireNonNull(resetsIn, "resetsIn");
        }
    }
}
