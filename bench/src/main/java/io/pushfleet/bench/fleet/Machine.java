package io.pushfleet.bench.fleet;

import io.pushfleet.bench.stats.Table;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The conditions every printed figure depends on: date, JDK, cores and the box's load average. */
public final class Machine {

    private Machine() {
    }

    /** Date, JDK, cores and load average, on one line. */
    public static String describe() {
        return "date " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "; JDK " + Runtime.version() + " ("
                + System.getProperty("java.vm.vendor") + "); " + Runtime.getRuntime().availableProcessors()
                + " cores; load average " + loadAverage();
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or the JVM's 1 minute figure. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return Table.format(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2) + " (1 min)";
        }
    }
}
