package io.pushfleet.localstack.install;

import static java.util.Objects.requireNonNull;

import io.pushfleet.localstack.LocalStackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the programs the stack needs and installs missing ones from apt when this process may (root on
 * Debian); otherwise it fails with the exact packages to install.
 */
public final class PackageInstaller {

    private static final Logger log = LoggerFactory.getLogger(PackageInstaller.class);
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(15);
    private static final Map<String, String> APT_ENV = Map.of("DEBIAN_FRONTEND", "noninteractive");

    private final Host host;
    private final Path aptLog;

    /** Uses {@code host} and appends apt's output to {@code aptLog}. */
    public PackageInstaller(Host host, Path aptLog) {
        this.host = requireNonNull(host, "host");
        this.aptLog = requireNonNull(aptLog, "aptLog");
    }

    /** Returns the paths of all {@code required} programs, installing missing ones first if allowed. */
    public Binaries ensure(Set<Binary> required) {
        requireNonNull(required, "required");
        Map<Binary, Path> found = new EnumMap<>(Binary.class);
        Set<Binary> missing = find(required, found);
        InstallPlan plan = InstallPlan.decide(missing, host.hasApt(), host.isRoot());
        switch (plan.action()) {
            case NONE -> {
                return new Binaries(found);
            }
            case TELL_USER -> throw new LocalStackException(plan.instructions());
            case APT_INSTALL -> install(plan);
            default -> throw new IllegalStateException("action: " + plan.action());
        }
        Set<Binary> stillMissing = find(missing, found);
        if (!stillMissing.isEmpty()) {
            throw new LocalStackException("apt-get installed " + plan.packages() + " but "
                    + stillMissing + " still cannot be found; see " + aptLog);
        }
        return new Binaries(found);
    }

    private Set<Binary> find(Set<Binary> wanted, Map<Binary, Path> found) {
        Set<Binary> missing = EnumSet.noneOf(Binary.class);
        for (Binary binary : wanted) {
            Optional<Path> path = binary.names().stream()
                    .map(host::findExecutable)
                    .flatMap(Optional::stream)
                    .findFirst();
            path.ifPresentOrElse(p -> found.put(binary, p), () -> missing.add(binary));
        }
        return missing;
    }

    private void install(InstallPlan plan) {
        log.info("Installing {} with apt-get (missing: {}); output goes to {}", plan.packages(), plan.missing(), aptLog);
        // Waits for a dpkg lock held by another installer instead of failing at once.
        List<String> lockWait = List.of("-o", "DPkg::Lock::Timeout=300");
        List<String> update = new ArrayList<>(List.of("apt-get", "update"));
        update.addAll(lockWait);
        host.run("apt-get update", update, APT_ENV, aptLog, APT_TIMEOUT);
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
        install.addAll(lockWait);
        install.addAll(plan.packages());
        host.run("apt-get install", install, APT_ENV, aptLog, APT_TIMEOUT);
    }
}
