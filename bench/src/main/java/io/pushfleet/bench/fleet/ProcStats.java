package io.pushfleet.bench.fleet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What Linux says about processes and sockets, read from {@code /proc}: CPU time and resident memory of a
 * process, the kernel's socket counters ({@code /proc/net/sockstat}), unreclaimable slab memory (where the
 * kernel's socket structures live), the memory the whole box uses, how much of the time tasks stall waiting for
 * memory, and which process listens on a port.
 * Values that cannot be read are -1.
 */
public final class ProcStats {

    private static final Path PROC = Path.of("/proc");

    /** The TCP line of {@code /proc/net/sockstat}; {@code memPages} is the kernel's socket buffer memory in pages. */
    public record Sockstat(long socketsUsed, long tcpInuse, long tcpOrphan, long tcpTimeWait, long tcpAlloc, long tcpMemPages) {

        static final Sockstat UNKNOWN = new Sockstat(-1, -1, -1, -1, -1, -1);

        /** Socket buffer memory in bytes (4 KiB pages on x86-64). */
        public long tcpMemBytes() {
            return tcpMemPages < 0 ? -1 : tcpMemPages * 4096;
        }

        static Sockstat parse(List<String> lines) {
            long used = -1;
            long[] tcp = {-1, -1, -1, -1, -1};
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("sockets:") && f.length >= 3) {
                    used = Long.parseLong(f[2]);
                } else if (f[0].equals("TCP:")) {
                    List<String> keys = List.of("inuse", "orphan", "tw", "alloc", "mem");
                    for (int i = 1; i + 1 < f.length; i += 2) {
                        int k = keys.indexOf(f[i]);
                        if (k >= 0) {
                            tcp[k] = Long.parseLong(f[i + 1]);
                        }
                    }
                }
            }
            return new Sockstat(used, tcp[0], tcp[1], tcp[2], tcp[3], tcp[4]);
        }
    }

    private ProcStats() {
    }

    /** User plus system CPU time of {@code pid} so far; {@link Duration#ZERO} when it cannot be read. */
    public static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Resident set size of {@code pid} ({@code VmRSS} of {@code /proc/<pid>/status}), or -1. */
    public static long rssBytes(long pid) {
        return kbField(PROC.resolve(Long.toString(pid)).resolve("status"), "VmRSS:");
    }

    /** {@code SUnreclaim} of {@code /proc/meminfo}: kernel slab memory that is in use, or -1. */
    public static long slabUnreclaimableBytes() {
        return kbField(PROC.resolve("meminfo"), "SUnreclaim:");
    }

    /**
     * Memory the box has in use: {@code MemTotal - MemAvailable} of {@code /proc/meminfo} (every process, the
     * kernel's slab and socket buffers; page cache that can be dropped does not count), or -1.
     */
    public static long boxUsedBytes() {
        return boxUsedBytes(PROC.resolve("meminfo"));
    }

    static long boxUsedBytes(Path meminfo) {
        long total = kbField(meminfo, "MemTotal:");
        long available = kbField(meminfo, "MemAvailable:");
        return total < 0 || available < 0 ? -1 : total - available;
    }

    /**
     * The share of the last 10 s in which some task stalled waiting for memory ({@code some avg10} of
     * {@code /proc/pressure/memory}, Linux pressure stall information), in percent; empty where the kernel has
     * no PSI. {@code MemAvailable} counts reclaimable slab, yet the dentries and inodes of open sockets cannot be
     * reclaimed: on a box full of sockets this, not {@link #boxUsedBytes()}, shows the kernel reclaiming in vain.
     */
    public static OptionalDouble memoryStallPercent() {
        return memoryStallPercent(PROC.resolve("pressure/memory"));
    }

    static OptionalDouble memoryStallPercent(Path pressure) {
        try {
            for (String line : Files.readAllLines(pressure)) {
                if (line.startsWith("some ")) {
                    for (String field : line.substring(5).trim().split("\\s+")) {
                        if (field.startsWith("avg10=")) {
                            return OptionalDouble.of(Double.parseDouble(field.substring(6)));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }

    public static Sockstat sockstat() {
        try {
            return Sockstat.parse(Files.readAllLines(PROC.resolve("net/sockstat")));
        } catch (IOException | RuntimeException e) {
            return Sockstat.UNKNOWN;
        }
    }

    static long kbField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    String[] f = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(f[0]) * (f.length > 1 && f[1].toLowerCase(Locale.ROOT).equals("kb") ? 1024 : 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The process listening on TCP {@code port} (any local address), found through the socket's inode in
     * {@code /proc/net/tcp{,6}} and the process whose file descriptors include it; empty when not found (no
     * listener, or a process of another user).
     */
    public static OptionalLong listenerPid(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                inodes.addAll(listeningInodes(Files.readAllLines(PROC.resolve(table)), port));
            } catch (IOException ignored) {
                // no IPv6 table on this box: the IPv4 one is enough
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                if (ownsSocket(pid, inodes)) {
                    return OptionalLong.of(Long.parseLong(pid.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Inodes of the sockets listening (state {@code 0A}) on {@code port} in a {@code /proc/net/tcp} table. */
    static Set<String> listeningInodes(List<String> table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                inodes.add(f[9]);
            }
        }
        return inodes;
    }

    private static boolean ownsSocket(Path pid, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                String target = Files.readSymbolicLink(fd).toString();
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }
}
