package io.pushfleet.bench.push;

/** The JSON body of a benchmark push: the scenario, the run's nonce, and padding up to a requested size. */
public final class PushBody {

    /** Smallest body: the fields without padding, for any nonce a scenario makes. */
    static final int MIN_BYTES = 64;
    /** Largest body: the control plane refuses bodies within 256 bytes of the 64 KiB frame limit. */
    static final int MAX_BYTES = 60_000;

    private PushBody() {
    }

    /** A body of exactly {@code bytes} bytes (ASCII) when that is at least the unpadded size. */
    public static String json(String scenario, String nonce, int bytes) {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("--body-bytes: " + bytes + " (expected: " + MIN_BYTES + ".." + MAX_BYTES + ")");
        }
        String head = "{\"bench\":\"" + scenario + "\",\"nonce\":\"" + nonce + "\",\"pad\":\"";
        String tail = "\"}";
        int pad = Math.max(0, bytes - head.length() - tail.length());
        return head + "x".repeat(pad) + tail;
    }
}
