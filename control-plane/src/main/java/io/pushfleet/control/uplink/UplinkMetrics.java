package io.pushfleet.control.uplink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the uplink consumer counts: {@code pushfleet_uplink_records_total{outcome=persisted|duplicate|malformed}},
 * {@code pushfleet_uplink_consumer_failures_total} (consumers given up and recreated), and the gauge
 * {@code pushfleet_uplink_consumer_lag} (records behind the end of the assigned partitions after the last
 * poll, from the client's own fetch state: no broker call). Malformed records are logged at most once per
 * interval, with how many were skipped since the last line.
 */
@ApplicationScoped
public class UplinkMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkMetrics.class);

    private final Counter persisted;
    private final Counter duplicates;
    private final Counter malformed;
    private final Counter failures;
    private final AtomicLong lag = new AtomicLong();
    private final long malformedLogIntervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong malformedSinceLog = new AtomicLong();
    private final AtomicLong lastMalformedLog;

    @Inject
    public UplinkMetrics(MeterRegistry meters, UplinkConfig config) {
        this(meters, config.malformedLogInterval(), System::nanoTime);
    }

    public UplinkMetrics(MeterRegistry meters, Duration malformedLogInterval, LongSupplier nanoTime) {
        this.persisted = records(meters, "persisted");
        this.duplicates = records(meters, "duplicate");
        this.malformed = records(meters, "malformed");
        this.failures = Counter.builder("pushfleet.uplink.consumer.failures")
                .description("Uplink consumers given up after an error and recreated from the last committed offsets")
                .register(meters);
        Gauge.builder("pushfleet.uplink.consumer.lag", lag, AtomicLong::get)
                .description("Uplink records not yet consumed on the partitions this control plane holds")
                .register(meters);
        this.malformedLogIntervalNanos = malformedLogInterval.toNanos();
        this.nanoTime = nanoTime;
        this.lastMalformedLog = new AtomicLong(nanoTime.getAsLong() - malformedLogIntervalNanos);
    }

    private static Counter records(MeterRegistry meters, String outcome) {
        return Counter.builder("pushfleet.uplink.records").tag("outcome", outcome)
                .description("Uplink records consumed, by what became of them")
                .register(meters);
    }

    void stored(int inserted, int duplicate) {
        persisted.increment(inserted);
        duplicates.increment(duplicate);
    }

    /**
     * Counts a skipped record; logs it, with its trace id (null when its header had none), unless a line was
     * written less than the interval ago.
     */
    void malformed(String partition, long offset, String traceId, String reason) {
        malformed.increment();
        long pending = malformedSinceLog.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastMalformedLog.get();
        if (now - last >= malformedLogIntervalNanos && lastMalformedLog.compareAndSet(last, now)) {
            malformedSinceLog.addAndGet(-pending);
            LOG.warn("skipped {} malformed uplink record(s) since the last report; latest at partition={} offset={}"
                    + " traceId={}: {}", pending, partition, offset, traceId, reason);
        }
    }

    void consumerFailed() {
        failures.increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    /** For tests and diagnostics: totals so far. */
    public long persistedCount() {
        return (long) persisted.count();
    }

    public long duplicateCount() {
        return (long) duplicates.count();
    }

    public long malformedCount() {
        return (long) malformed.count();
    }
}
