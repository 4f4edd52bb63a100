package io.pushfleet.localstack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages about a server that did not come up. */
public final class LogTail {

    /** Only the end of a large log is read. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Up to {@code lines} last lines of {@code log}, or a note saying the log could not be read. */
    public static String lastLines(Path log, int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines: " + lines + " (expected: >= 1)");
        }
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
        List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
        List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
        String text = String.join("\n", tail);
        return text.isBlank() ? "(log is empty)" : text;
    }
}
