package io.pushfleet.bench.stats;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * Latencies in microseconds (1 us to 1 hour, 3 significant digits) that several processes record apart and
 * one process merges exactly: each sends {@link #encode()}, the collector {@link #add}s what it {@link
 * #decode}s. Recording is synchronized (many event loops record at once; a few thousand a second).
 */
public final class LatencyHistogram {

    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, 3);
    /** The last {@link #encode()}, and the count it was made at: a histogram that did not grow is not encoded again. */
    private String encoded;
    private long encodedCount = -1;

    public synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.clamp(nanos / 1_000, 1, HIGHEST_MICROS));
    }

    public synchronized void add(LatencyHistogram other) {
        Histogram copy;
        synchronized (other) {
            copy = other.histogram.copy();
        }
        histogram.add(copy);
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percent} in milliseconds (the histogram's equivalent value, 3 digits); 0 when empty. */
    public synchronized double percentileMs(double percent) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percent) / 1_000.0;
    }

    public synchronized double maxMs() {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1_000.0;
    }

    /** Compressed and base64-encoded, for one line of text. */
    public synchronized String encode() {
        if (histogram.getTotalCount() != encodedCount) {
            ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(buf);
            encoded = Base64.getEncoder().encodeToString(Arrays.copyOf(buf.array(), length));
            encodedCount = histogram.getTotalCount();
        }
        return encoded;
    }

    public static LatencyHistogram decode(String base64) {
        LatencyHistogram h = new LatencyHistogram();
        try {
            h.histogram.add(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(base64)), HIGHEST_MICROS));
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("latency histogram: not a compressed HdrHistogram (" + e.getMessage() + ")", e);
        }
        return h;
    }
}
