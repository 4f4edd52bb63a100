package io.pushfleet.control.web;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids as in W3C Trace Context: 32 lowercase hex digits, not all zero. A request keeps the trace
 * id of its {@code traceparent} header when that header is valid, otherwise it gets a fresh one.
 */
public final class TraceIds {

    /** MDC key and log key, as the house style fixes it. */
    public static final String MDC_KEY = "traceId";
    /** Response header that echoes the trace id to the caller. */
    public static final String RESPONSE_HEADER = "X-Trace-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final int VERSION_00_LENGTH = 55;

    private TraceIds() {
    }

    /**
     * The trace-id part of a {@code traceparent} value ({@code version-traceid-parentid-flags}), or empty
     * when the header is missing or malformed. Versions other than 00 are read by their first four
     * fields, as the specification asks; version {@code ff} is invalid.
     */
    public static Optional<String> fromTraceparent(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < VERSION_00_LENGTH) {
            return Optional.empty();
        }
        String version = value.substring(0, 2);
        if (!isLowerHex(version) || version.equals("ff")) {
            return Optional.empty();
        }
        if (version.equals("00") ? value.length() != VERSION_00_LENGTH
                : value.length() > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-') {
            return Optional.empty();
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        String flags = value.substring(53, 55);
        if (!isLowerHex(traceId) || isAllZero(traceId) || !isLowerHex(parentId) || isAllZero(parentId)
                || !isLowerHex(flags)) {
            return Optional.empty();
        }
        return Optional.of(traceId);
    }

    /** A fresh random trace id. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return String.format("%016x%016x", high, low);
    }

    /** The trace id for a request carrying this {@code traceparent} header (may be null). */
    public static String forRequest(String traceparent) {
        return fromTraceparent(traceparent).orElseGet(TraceIds::generate);
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
