package io.pushfleet.edge.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The ports the listeners actually bound (a configured 0 becomes the ephemeral port chosen). */
public record BoundPorts(int ws, int tcp, int admin) {

    /** The start-up line, one per process, that a person or a harness can grep. */
    public String describe() {
        return "ws=" + ws + " tcp=" + tcp + " admin=" + admin;
    }

    /** Writes {@code ws=}, {@code tcp=}, {@code admin=} lines to {@code file}, atomically (a reader never sees half). */
    public void writeTo(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(tmp, "ws=" + ws + "\ntcp=" + tcp + "\nadmin=" + admin + "\n");
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
