package io.pushfleet.localstack.install;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/** Where the programs the stack needs were found; built by {@link PackageInstaller#ensure}. */
public record Binaries(Map<Binary, Path> paths) {

    public Binaries {
        paths = Map.copyOf(requireNonNull(paths, "paths"));
    }

    /** The path of {@code binary}; asking for one that was not required is a programming error. */
    public Path path(Binary binary) {
        Path path = paths.get(requireNonNull(binary, "binary"));
        if (path == null) {
            throw new IllegalStateException("binary: " + binary + " (expected: one of " + paths.keySet() + ")");
        }
        return path;
    }
}
