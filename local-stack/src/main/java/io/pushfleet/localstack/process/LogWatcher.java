package io.pushfleet.localstack.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches a log file that a server appends to, from a given offset on, for a line that contains a
 * marker such as Kafka's {@code "Kafka Server started"}.
 *
 * <p>The offset is the log's size just before the server was launched, so lines from an earlier run
 * never count. Each call reads only what was appended since the previous one; a line counts once its
 * newline arrives. Not thread-safe: one waiting thread polls it.
 */
public final class LogWatcher {

    private final Path log;
    private final String marker;
    private long position;
    private final StringBuilder partialLine = new StringBuilder();
    private boolean seen;

    public LogWatcher(Path log, long startOffset, String marker) {
        this.log = requireNonNull(log, "log");
        this.marker = requireNonNull(marker, "marker");
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset: " + startOffset + " (expected: >= 0)");
        }
        this.position = startOffset;
    }

    /** The current size of {@code log}, 0 when it does not exist: the offset to give a new watcher. */
    public static long sizeOf(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("log: cannot stat " + log, e);
        }
    }

    /** Whether a complete line containing the marker has been appended since the start offset. */
    public boolean seen() {
        if (seen || !Files.exists(log)) {
            return seen;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length < position) {
                // Truncated or replaced: start over from its beginning.
                position = 0;
                partialLine.setLength(0);
            }
            byte[] chunk = new byte[(int) Math.min(length - position, 1 << 20)];
            file.seek(position);
            file.readFully(chunk);
            position += chunk.length;
            scan(new String(chunk, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("log: cannot read " + log, e);
        }
        return seen;
    }

    private void scan(String appended) {
        partialLine.append(appended);
        int newline;
        while (!seen && (newline = partialLine.indexOf("\n")) >= 0) {
            seen = partialLine.substring(0, newline).contains(marker);
            partialLine.delete(0, newline + 1);
        }
    }
}
