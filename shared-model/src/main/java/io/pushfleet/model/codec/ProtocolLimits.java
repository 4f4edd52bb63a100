package io.pushfleet.model.codec;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Hard limits of the protocol (docs/protocol.md, section 4). Defaults: 64 KiB frames, 10 s to
 * authenticate, 50 frames per second per connection.
 */
public record ProtocolLimits(int maxFrameBytes, Duration authTimeout, int maxFramesPerSecond) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_FRAMES_PER_SECOND = 50;
    /** No configuration may raise the frame limit above this. */
    public static final int ABSOLUTE_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    public static final ProtocolLimits DEFAULTS =
            new ProtocolLimits(DEFAULT_MAX_FRAME_BYTES, DEFAULT_AUTH_TIMEOUT, DEFAULT_MAX_FRAMES_PER_SECOND);

    public ProtocolLimits {
        if (maxFrameBytes < 256 || maxFrameBytes > ABSOLUTE_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes: " + maxFrameBytes + " (expected: 256.." + ABSOLUTE_MAX_FRAME_BYTES + ")");
        }
        requireNonNull(authTimeout, "authTimeout");
        if (authTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("authTimeout: " + authTimeout + " (expected: >= 1ms)");
        }
        if (maxFramesPerSecond < 1) {
            throw new IllegalArgumentException("maxFramesPerSecond: " + maxFramesPerSecond + " (expected: >= 1)");
        }
    }
}
