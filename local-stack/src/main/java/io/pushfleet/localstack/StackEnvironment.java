package io.pushfleet.localstack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the project lives and how far the fixed ports are shifted, read in one place from system
 * properties, then environment variables, then the working directory.
 *
 * <p>The project root is {@code -Dpushfleet.root}, else {@code PUSHFLEET_ROOT}, else the nearest
 * ancestor of the working directory that holds {@code mvnw}. The port offset
 * ({@code -Dpushfleet.localstack.portOffset} or {@code PUSHFLEET_LOCALSTACK_PORT_OFFSET}, default 0)
 * lets two checkouts on one machine run their stacks side by side.
 */
public record StackEnvironment(Path projectRoot, int portOffset) {

    public static final String ROOT_PROPERTY = "pushfleet.root";
    public static final String ROOT_VARIABLE = "PUSHFLEET_ROOT";
    public static final String PORT_OFFSET_PROPERTY = "pushfleet.localstack.portOffset";
    public static final String PORT_OFFSET_VARIABLE = "PUSHFLEET_LOCALSTACK_PORT_OFFSET";

    public StackEnvironment {
        requireNonNull(projectRoot, "projectRoot");
    }

    /** Reads this JVM's system properties, environment and working directory. */
    public static StackEnvironment current() {
        return of(System::getProperty, System::getenv, Path.of(System.getProperty("user.dir")));
    }

    /** Resolves the environment from the given lookups; the functions return null for an unset name. */
    public static StackEnvironment of(
            UnaryOperator<String> properties, UnaryOperator<String> variables, Path workingDir) {
        requireNonNull(properties, "properties");
        requireNonNull(variables, "variables");
        requireNonNull(workingDir, "workingDir");
        return new StackEnvironment(
                projectRoot(properties, variables, workingDir), portOffset(properties, variables));
    }

    private static Path projectRoot(UnaryOperator<String> properties, UnaryOperator<String> variables, Path cwd) {
        String explicit = firstSet(properties.apply(ROOT_PROPERTY), variables.apply(ROOT_VARIABLE));
        if (explicit != null) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new LocalStackException(
                        ROOT_PROPERTY + ": " + root + " (expected: an existing directory)");
            }
            return root;
        }
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new LocalStackException("project root: no mvnw in " + cwd.toAbsolutePath()
                + " or any parent (expected: run inside the pushfleet checkout, or set -D"
                + ROOT_PROPERTY + " or " + ROOT_VARIABLE + ")");
    }

    private static int portOffset(UnaryOperator<String> properties, UnaryOperator<String> variables) {
        String value = firstSet(properties.apply(PORT_OFFSET_PROPERTY), variables.apply(PORT_OFFSET_VARIABLE));
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LocalStackException(
                    PORT_OFFSET_PROPERTY + ": \"" + value + "\" (expected: an integer such as 1000)", e);
        }
    }

    private static String firstSet(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
