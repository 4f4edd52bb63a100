package io.pushfleet.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsWhatWasWritten() {
        PidFile pidFile = new PidFile(tmp.resolve("redis/redis.pid"));

        pidFile.write(4242);

        assertThat(pidFile.read()).hasValue(4242);
    }

    @Test
    void missingFileReadsAsNoPid() {
        assertThat(new PidFile(tmp.resolve("none.pid")).read()).isEmpty();
    }

    @Test
    void garbledOrEmptyFileReadsAsNoPid() throws IOException {
        Files.writeString(tmp.resolve("garbled.pid"), "not a pid\n");
        Files.writeString(tmp.resolve("empty.pid"), "");
        Files.writeString(tmp.resolve("zero.pid"), "0");

        assertThat(new PidFile(tmp.resolve("garbled.pid")).read()).isEmpty();
        assertThat(new PidFile(tmp.resolve("empty.pid")).read()).isEmpty();
        assertThat(new PidFile(tmp.resolve("zero.pid")).read()).isEmpty();
    }

    @Test
    void toleratesWhitespaceAroundThePid() throws IOException {
        Files.writeString(tmp.resolve("spaced.pid"), "  17 \n");

        assertThat(new PidFile(tmp.resolve("spaced.pid")).read()).hasValue(17);
    }

    @Test
    void deleteRemovesTheFileAndIgnoresAMissingOne() {
        PidFile pidFile = new PidFile(tmp.resolve("x.pid"));
        pidFile.write(1);

        pidFile.delete();
        pidFile.delete();

        assertThat(pidFile.path()).doesNotExist();
        assertThat(pidFile.read()).isEmpty();
    }

    @Test
    void rejectsANonPositivePid() {
        assertThatThrownBy(() -> new PidFile(tmp.resolve("x.pid")).write(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid: -1 (expected: > 0)");
    }
}
