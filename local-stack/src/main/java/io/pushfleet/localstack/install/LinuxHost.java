package io.pushfleet.localstack.install;

import io.pushfleet.localstack.process.CommandRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This machine: executables are looked up on {@code PATH} and in the sbin directories (where Debian
 * puts {@code mariadbd}, often off a normal user's {@code PATH}); root is read from the owner of
 * {@code /proc/self}.
 */
public final class LinuxHost implements Host {

    private static final List<String> EXTRA_DIRS =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private final List<Path> searchPath;

    public LinuxHost() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(dir);
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        this.searchPath = dirs.stream().map(Path::of).toList();
    }

    @Override
    public Optional<Path> findExecutable(String name) {
        for (Path dir : searchPath) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid of the process reading it.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    @Override
    public boolean hasApt() {
        return Files.exists(Path.of("/etc/debian_version")) && findExecutable("apt-get").isPresent();
    }

    @Override
    public void run(String what, List<String> command, Map<String, String> environment, Path log, Duration timeout) {
        CommandRunner.run(what, command, environment, log, timeout);
    }
}
