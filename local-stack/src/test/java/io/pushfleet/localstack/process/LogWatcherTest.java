package io.pushfleet.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWatcherTest {

    private static final String STARTED = "Kafka Server started";

    @TempDir
    Path tmp;

    @Test
    void seesTheMarkerLineOnceItIsWritten() throws IOException {
        Path log = tmp.resolve("kafka.log");
        LogWatcher watcher = new LogWatcher(log, 0, STARTED);

        assertThat(watcher.seen()).isFalse();
        append(log, "[2026-01-01 10:00:00,000] WARN something (x)\n");
        assertThat(watcher.seen()).isFalse();
        append(log, "[2026-01-01 10:00:01,000] INFO [KafkaRaftServer nodeId=1] " + STARTED + " (kafka.server.KafkaRaftServer)\n");

        assertThat(watcher.seen()).isTrue();
        assertThat(watcher.seen()).isTrue();
    }

    @Test
    void ignoresTheMarkerFromAnEarlierRunBeforeTheOffset() throws IOException {
        Path log = tmp.resolve("kafka.log");
        append(log, "INFO " + STARTED + "\nINFO shutting down\n");
        LogWatcher watcher = new LogWatcher(log, LogWatcher.sizeOf(log), STARTED);

        assertThat(watcher.seen()).isFalse();
        append(log, "INFO " + STARTED + "\n");

        assertThat(watcher.seen()).isTrue();
    }

    @Test
    void waitsForTheEndOfALineWrittenInPieces() throws IOException {
        Path log = tmp.resolve("kafka.log");
        LogWatcher watcher = new LogWatcher(log, 0, STARTED);

        append(log, "INFO Kafka Ser");
        assertThat(watcher.seen()).isFalse();
        append(log, "ver started");
        assertThat(watcher.seen()).isFalse();
        append(log, "\n");

        assertThat(watcher.seen()).isTrue();
    }

    @Test
    void startsOverWhenTheLogWasTruncated() throws IOException {
        Path log = tmp.resolve("kafka.log");
        append(log, "a long line from an old run that is longer than the new content\n");
        LogWatcher watcher = new LogWatcher(log, LogWatcher.sizeOf(log), STARTED);

        Files.writeString(log, STARTED + "\n");

        assertThat(watcher.seen()).isTrue();
    }

    @Test
    void missingLogIsNotSeenAndHasSizeZero() {
        Path log = tmp.resolve("missing.log");

        assertThat(new LogWatcher(log, 0, STARTED).seen()).isFalse();
        assertThat(LogWatcher.sizeOf(log)).isZero();
    }

    @Test
    void tailKeepsOnlyTheLastLines() throws IOException {
        Path log = tmp.resolve("server.log");
        append(log, "one\ntwo\nthree\nfour\n");

        assertThat(LogTail.lastLines(log, 2)).isEqualTo("three\nfour");
        assertThat(LogTail.lastLines(log, 10)).isEqualTo("one\ntwo\nthree\nfour");
        assertThat(LogTail.lastLines(tmp.resolve("none.log"), 3)).startsWith("(no log: ");
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
