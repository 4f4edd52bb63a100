package io.pushfleet.localstack.install;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to do about missing programs: nothing, install their packages with apt (Debian and root), or
 * tell the user exactly what to install.
 */
public record InstallPlan(Set<Binary> missing, Action action) {

    /** The three outcomes of {@link #decide}. */
    public enum Action {
        /** Everything is there. */
        NONE,
        /** Root on Debian: {@code apt-get update} once, then {@code apt-get install -y} the packages. */
        APT_INSTALL,
        /** Not allowed or not able to install: fail with {@link #instructions()}. */
        TELL_USER
    }

    public InstallPlan {
        requireNonNull(missing, "missing");
        requireNonNull(action, "action");
        missing = missing.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missing));
    }

    /** Decides for the given missing programs on a host with or without apt, as root or not. */
    public static InstallPlan decide(Set<Binary> missing, boolean hasApt, boolean root) {
        requireNonNull(missing, "missing");
        if (missing.isEmpty()) {
            return new InstallPlan(missing, Action.NONE);
        }
        return new InstallPlan(missing, hasApt && root ? Action.APT_INSTALL : Action.TELL_USER);
    }

    /** The Debian packages that provide the missing programs, sorted and without duplicates. */
    public List<String> packages() {
        return missing.stream().map(Binary::debianPackage).distinct().sorted().toList();
    }

    /** The message for {@link Action#TELL_USER}: which programs are missing and how to install them. */
    public String instructions() {
        String names = missing.stream().sorted().map(Binary::toString).collect(Collectors.joining(", "));
        String packages = String.join(" ", packages());
        return "missing programs: " + names + "; install them with: sudo apt-get install -y " + packages
                + " (on other systems install Redis and MariaDB server and client with the package manager)";
    }
}
