package io.pushfleet.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for many futures (one per client) with one deadline, and saying which failed. */
final class Waiting {

    private Waiting() {
    }

    /**
     * Waits until every future is done or {@code deadlineNanos} ({@link System#nanoTime()}) passes; a null
     * future is a client never started. Throws {@link IllegalStateException} with counts and the first three
     * reasons unless all completed normally.
     */
    static void awaitAll(List<? extends CompletableFuture<?>> futures, long deadlineNanos, String what)
            throws InterruptedException {
        int failed = 0;
        int pending = 0;
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            CompletableFuture<?> f = futures.get(i);
            if (f == null) {
                pending++;
                continue;
            }
            try {
                f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failed++;
                if (reasons.size() < 3) {
                    reasons.add("#" + i + ": " + e.getCause());
                }
            } catch (TimeoutException e) {
                pending++;
            }
        }
        if (failed + pending > 0) {
            throw new IllegalStateException(what + ": " + (futures.size() - failed - pending) + " of " + futures.size()
                    + " (failed " + failed + ", not done in time " + pending + ")"
                    + (reasons.isEmpty() ? "" : "; first failures: " + String.join("; ", reasons)));
        }
    }
}
