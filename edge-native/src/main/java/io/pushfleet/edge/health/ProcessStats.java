package io.pushfleet.edge.health;

import io.netty.util.internal.PlatformDependent;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/** Memory and CPU figures of this process, cheap enough to read every few seconds. Thread-safe. */
public final class ProcessStats {

    private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();

    public long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    public long heapMaxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Direct memory in use: what Netty allocates without the JDK's accounting (when it tracks it), plus
     * the JDK's direct buffer pool.
     */
    public long directUsedBytes() {
        long netty = Math.max(0, PlatformDependent.usedDirectMemory());
        long jdk = 0;
        for (BufferPoolMXBean pool : bufferPools) {
            if ("direct".equals(pool.getName())) {
                jdk += Math.max(0, pool.getMemoryUsed());
            }
        }
        return netty + jdk;
    }

    /** CPU load of this process, 0..1 over all cores; falls back to the system load average per core. */
    public double cpuLoad() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            if (load >= 0) {
                return load;
            }
        }
        double average = os.getSystemLoadAverage();
        return average < 0 ? 0 : Math.min(1.0, average / cores);
    }
}
