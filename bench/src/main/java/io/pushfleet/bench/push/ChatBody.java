package io.pushfleet.bench.push;

/**
 * What a p2p benchmark message carries so the receiver can time it without any lookup: the sender's
 * {@link System#nanoTime()} at sending, the sender's client index and its sequence number, in the body
 * ({@code {"t":..,"s":..,"q":..}}) and, for the receipt, in the {@code clientMsgId} ({@code q:t}). Both
 * ends are in the one bench JVM, so the clocks agree.
 */
record ChatBody(long sentNanos, int sender, long seq) {

    String json() {
        return "{\"t\":" + sentNanos + ",\"s\":" + sender + ",\"q\":" + seq + "}";
    }

    /** The {@code clientMsgId}: at most 41 characters, well within PROTOCOL 2's 64. */
    String clientMsgId() {
        return seq + ":" + sentNanos;
    }

    /** A body written by {@link #json()}, or null for any other body. */
    static ChatBody parse(String json) {
        try {
            long t = field(json, "\"t\":");
            long s = field(json, "\"s\":");
            long q = field(json, "\"q\":");
            if (s < 0 || s > Integer.MAX_VALUE) {
                return null;
            }
            return new ChatBody(t, (int) s, q);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The send time in a {@code clientMsgId} made by {@link #clientMsgId()}; throws for any other. */
    static long sentNanosOf(String clientMsgId) {
        int colon = clientMsgId.indexOf(':');
        if (colon < 1) {
            throw new NumberFormatException("clientMsgId: " + clientMsgId + " (expected: seq:nanos)");
        }
        return Long.parseLong(clientMsgId, colon + 1, clientMsgId.length(), 10);
    }

    private static long field(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            throw new NumberFormatException(key + " missing");
        }
        int from = at + key.length();
        int to = from;
        while (to < json.length() && (Character.isDigit(json.charAt(to)) || (to == from && json.charAt(to) == '-'))) {
            to++;
        }
        return Long.parseLong(json, from, to, 10);
    }
}
