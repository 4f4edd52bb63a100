package io.pushfleet.edge.chat;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids for messages that enter the fleet at this edge (DESIGN 3.11): 32 lowercase hex digits, not all
 * zero, as in W3C Trace Context and as the control plane makes them at its REST ingress.
 */
final class TraceIds {

    private TraceIds() {
    }

    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return hex(high) + hex(low);
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }
}
