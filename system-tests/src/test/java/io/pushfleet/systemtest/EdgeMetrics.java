package io.pushfleet.systemtest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Reads an edge's Prometheus text ({@code /metrics} on its admin port), once or sampled in the background. */
final class EdgeMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EdgeMetrics() {
    }

    /** The value of {@code name}, summed over its label sets (0 when absent). */
    static double read(Fleet.Edge edge, String name) {
        HttpRequest request = HttpRequest.newBuilder(edge.adminUrl("/metrics")).timeout(Duration.ofSeconds(5)).build();
        String text;
        try {
            text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("scrape of " + edge.nodeId() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * A counter read every {@code period} (after the previous read) on a thread of its own until {@link #close}. Each sample keeps when its
     * request left and when the answer came, so the true time of the value lies between the two.
     */
    static final class Sampler implements AutoCloseable {

        private record Sample(long sentNanos, long receivedNanos, double value) {
        }

        private final List<Sample> samples = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        Sampler(Fleet.Edge edge, String counter, Duration period) {
            timer.scheduleWithFixedDelay(() -> {
                long sent = System.nanoTime();
                double value = read(edge, counter);
                samples.add(new Sample(sent, System.nanoTime(), value));
            }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        }

        /**
         * The largest increase between two samples whose true times are surely at most {@code window} apart (the
         * later answer came within {@code window} of the earlier request): never more than the counter's true
         * maximum over such a window, whatever the scrapes' latency.
         */
        long maxIncreaseWithin(Duration window) {
            long max = 0;
            for (int i = 0; i < samples.size(); i++) {
                for (int j = i + 1; j < samples.size(); j++) {
                    if (samples.get(j).receivedNanos() - samples.get(i).sentNanos() > window.toNanos()) {
                        break;
                    }
                    max = Math.max(max, (long) (samples.get(j).value() - samples.get(i).value()));
                }
            }
            return max;
        }

        int size() {
            return samples.size();
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
