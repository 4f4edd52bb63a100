package io.pushfleet.control.push;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a noisy event at most once per interval, with how many times it happened since the last line
 * (house style: nothing per message at INFO or WARN). Thread-safe.
 */
final class IntervalLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong lastLogged;
    private final AtomicLong suppressed = new AtomicLong();

    IntervalLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.lastLogged = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** Counts the event and logs it at WARN, with the count, if the interval has passed. */
    void warn(String format, Object... args) {
        long count = suppressed.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= intervalNanos && lastLogged.compareAndSet(last, now)) {
            suppressed.addAndGet(-count);
            if (log.isWarnEnabled()) {
                log.warn(format + " (" + count + " since the last such line)", args);
            }
        }
    }
}
