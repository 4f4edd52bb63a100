package io.pushfleet.bench.storm;

import io.pushfleet.bench.fleet.ProcStats;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Memory and CPU of the edge processes, sampled together: resident memory from {@code /proc}, heap and direct
 * memory from the edge's own gauges ({@code edge_memory_heap_used_bytes}, {@code edge_memory_direct_used_bytes}
 * at {@code GET /metrics}), and, with {@code gc}, after a full collection requested with {@code jcmd <pid>
 * GC.run} (the {@code jcmd} next to the edge's {@code java}), so heap used is the live heap.
 */
final class EdgeProbe {

    /** One edge's figures; NaN or -1 for what could not be read. */
    record Sample(String edge, long rssBytes, double heapBytes, double directBytes, double connections, Duration cpu) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Samples every edge, in parallel (a {@code jcmd} takes about half a second of one core each). */
    List<Sample> sample(List<StormEdge> edges, boolean gc) throws InterruptedException {
        return each(edges, e -> sample(e, gc));
    }

    /**
     * Samples every edge without a GC, for a run that is being stopped: an edge that does not answer (stopping too,
     * after a Ctrl-C to the whole process group) gets NaN for the figures of its own, its RSS and CPU if it still runs.
     */
    List<Sample> sampleAnswering(List<StormEdge> edges) throws InterruptedException {
        return each(edges, e -> {
            try {
                return sample(e, false);
            } catch (IOException | RuntimeException notAnswering) {
                return new Sample(e.name(), e.pid() > 0 ? ProcStats.rssBytes(e.pid()) : -1, Double.NaN, Double.NaN,
                        Double.NaN, e.pid() > 0 ? ProcStats.cpu(e.pid()) : Duration.ZERO);
            }
        });
    }

    private interface Sampler {
        Sample sample(StormEdge edge) throws IOException, InterruptedException;
    }

    private static List<Sample> each(List<StormEdge> edges, Sampler sampler) throws InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Sample>> futures = new ArrayList<>();
            for (StormEdge e : edges) {
                futures.add(pool.submit(() -> sampler.sample(e)));
            }
            List<Sample> samples = new ArrayList<>();
            for (Future<Sample> f : futures) {
                try {
                    samples.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("sampling an edge: " + e.getCause(), e.getCause());
                }
            }
            return samples;
        }
    }

    private Sample sample(StormEdge e, boolean gc) throws IOException, InterruptedException {
        if (gc && e.pid() > 0) {
            fullGc(e.pid());
        }
        String metrics = http.send(HttpRequest.newBuilder(e.adminUrl().resolve("/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return new Sample(e.name(), e.pid() > 0 ? ProcStats.rssBytes(e.pid()) : -1,
                PrometheusText.sum(metrics, "edge_memory_heap_used_bytes"),
                PrometheusText.sum(metrics, "edge_memory_direct_used_bytes"),
                PrometheusText.sum(metrics, "edge_connections_authenticated"),
                e.pid() > 0 ? ProcStats.cpu(e.pid()) : Duration.ZERO);
    }

    private static void fullGc(long pid) throws IOException, InterruptedException {
        Path java = ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(Path::of)
                .orElseThrow(() -> new IOException("edge pid " + pid + ": its command is not readable"));
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run did not finish in 60 s");
        }
    }
}
