package io.pushfleet.bench.storm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a storm is divided: which users and source addresses each worker process gets, and how many
 * connections each worker holds at every step. Plain arithmetic, so the orchestrator and its tests agree.
 */
final class StormPlan {

    /**
     * Loopback gives each (source address, destination address and port) pair the ephemeral port range
     * (32768-60999 here, 28,232 ports); stay below it so a storm never fails for want of a port.
     */
    static final int MAX_PER_SOURCE_AND_DESTINATION = 25_000;
    /** One process may open fewer than 20,000 files here ({@code ulimit -Hn}); keep room for the JVM's own. */
    static final int MAX_PER_WORKER = 19_000;

    /** Worker {@code worker}'s part: users {@code firstUserId ..} ({@code count} of them), bound to {@code sources}. */
    record WorkerSlice(int worker, long firstUserId, int count, List<InetAddress> sources) {
    }

    private StormPlan() {
    }

    /** {@code total} split over {@code parts} as evenly as possible, the first ones taking the remainder. */
    static int[] split(int total, int parts) {
        if (parts < 1 || total < 0) {
            throw new IllegalArgumentException("split " + total + " over " + parts + " (expected: total >= 0, parts >= 1)");
        }
        int[] shares = new int[parts];
        for (int i = 0; i < parts; i++) {
            shares[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return shares;
    }

    /**
     * The workers' slices: consecutive user blocks; source addresses dealt round-robin when there are at least
     * as many as workers (each worker its own), otherwise every worker binds all of them (with
     * IP_BIND_ADDRESS_NO_PORT the kernel picks the port at connect time, so sharing an address is safe).
     */
    static List<WorkerSlice> slices(long firstUserId, int connections, int workers, List<InetAddress> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("source addresses: none (expected: at least one)");
        }
        int[] counts = split(connections, workers);
        List<WorkerSlice> slices = new ArrayList<>(workers);
        long next = firstUserId;
        for (int w = 0; w < workers; w++) {
            List<InetAddress> own = new ArrayList<>();
            if (sources.size() >= workers) {
                for (int i = w; i < sources.size(); i += workers) {
                    own.add(sources.get(i));
                }
            } else {
                own.addAll(sources);
            }
            slices.add(new WorkerSlice(w, next, counts[w], List.copyOf(own)));
            next += counts[w];
        }
        return slices;
    }

    /** Problems with a storm's size for this box; empty when it fits. */
    static List<String> problems(int connections, int workers, int sources, int destinations) {
        List<String> problems = new ArrayList<>(workerProblems(connections, workers));
        long perPair = -Math.floorDiv(-(long) connections, (long) sources * destinations);
        if (perPair > MAX_PER_SOURCE_AND_DESTINATION) {
            problems.add("--sources: " + sources + " source addresses for " + connections + " connections to "
                    + destinations + " listeners is " + perPair + " per address and listener (expected: <= "
                    + MAX_PER_SOURCE_AND_DESTINATION + "; add source addresses)");
        }
        return problems;
    }

    /** Problems with the workers' share of a storm, known before any edge or worker starts; empty when it fits. */
    static List<String> workerProblems(int connections, int workers) {
        int perWorker = split(connections, workers)[0];
        if (perWorker > MAX_PER_WORKER) {
            return List.of("--workers: " + workers + " for " + connections + " connections is " + perWorker
                    + " sockets per worker (expected: <= " + MAX_PER_WORKER + "; add workers)");
        }
        return List.of();
    }

    /**
     * {@code count} loopback source addresses: 127.0.1.1, 127.0.1.2, ... 127.0.1.254, 127.0.2.1, ... (all of
     * 127.0.0.0/8 is local on Linux, no configuration needed).
     */
    static List<InetAddress> loopbackSources(int count) {
        if (count < 1 || count > 254 * 254) {
            throw new IllegalArgumentException("sources: " + count + " (expected: 1.." + 254 * 254 + ")");
        }
        List<InetAddress> sources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                sources.add(InetAddress.getByAddress(new byte[]{127, 0, (byte) (1 + i / 254), (byte) (1 + i % 254)}));
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return sources;
    }
}
