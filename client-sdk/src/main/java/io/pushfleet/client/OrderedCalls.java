package io.pushfleet.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work a {@link PushSession} decides under its lock and runs after releasing it: listener calls, closing a
 * connection, completing futures. Calls run one at a time, in the order they were added, on whichever
 * thread calls {@link #run} first; a thread that finds another one running leaves its calls to it. So
 * listeners see state changes in order, and no foreign code ever runs under the session's lock.
 */
final class OrderedCalls {

    private static final Logger log = LoggerFactory.getLogger(OrderedCalls.class);

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    void add(Runnable call) {
        queue.add(call);
    }

    /** Runs what is queued, unless another thread is at it. A throwing call is logged and skipped. */
    void run() {
        // Re-check after releasing: a call added just before the release would otherwise wait for the next run.
        while (!queue.isEmpty() && running.compareAndSet(false, true)) {
            try {
                for (Runnable call = queue.poll(); call != null; call = queue.poll()) {
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        log.warn("session listener call failed", e);
                    }
                }
            } finally {
                running.set(false);
            }
        }
    }
}
