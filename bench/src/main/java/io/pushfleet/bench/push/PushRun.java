package io.pushfleet.bench.push;

import io.pushfleet.bench.fleet.AdminApi;
import io.pushfleet.bench.fleet.FleetListener;
import io.pushfleet.bench.fleet.TaskCounts;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * One timed admin push: POST it, then watch the clients and poll the task until every client got it and the
 * task's counts satisfy the scenario's conditions (or the timeouts pass), then wait a moment more for
 * duplicates. All times are from just before the POST was sent.
 */
final class PushRun {

    /** Figures of one push; times in ms, NaN when the stage was not reached in time. */
    record Result(long taskId, double acceptedMs, double firstMs, double halfMs, double lastMs, double recordedMs,
                  double ackedMs, int reached, int missing, int duplicates, int foreign, TaskCounts counts) {

        /** Deliveries per second from the first to the last client. */
        double fanoutPerSecond() {
            return reached / ((lastMs - firstMs) / 1000.0);
        }

        /** Deliveries per second from the POST to the last client. */
        double endToEndPerSecond() {
            return reached / (lastMs / 1000.0);
        }
    }

    /** How long to wait for each stage, and how often to poll the task. */
    record Timing(Duration deliveries, Duration results, Duration poll, Duration settle) {
        Timing {
            requireNonNull(deliveries, "deliveries");
            requireNonNull(results, "results");
            requireNonNull(poll, "poll");
            requireNonNull(settle, "settle");
        }
    }

    private PushRun() {
    }

    /**
     * Runs one push. {@code recorded} says when the task's results are all stored; {@code acked} (or null)
     * when all acks are recorded.
     */
    static Result run(BenchSession session, String requestJson, String nonce, Predicate<TaskCounts> recorded,
                      Predicate<TaskCounts> acked, Timing timing) throws IOException, InterruptedException {
        int clients = session.plan.size();
        PushRecorder recorder = new PushRecorder(clients, nonce);
        session.fleet.listener(recorder);
        AdminApi api = session.api;

        long t0 = System.nanoTime();
        AdminApi.Accepted accepted = api.push(requestJson);
        long deliveriesDeadline = t0 + timing.deliveries().toNanos();
        long resultsDeadline = t0 + timing.results().toNanos();
        long recordedAt = 0;
        long ackedAt = acked == null ? -1 : 0;
        long nextPoll = System.nanoTime();
        TaskCounts counts = null;
        while (true) {
            long now = System.nanoTime();
            boolean delivered = recorder.reached() == clients || now > deliveriesDeadline;
            boolean results = (recordedAt != 0 && ackedAt != 0) || now > resultsDeadline;
            if (delivered && results) {
                break;
            }
            if (!results && now >= nextPoll) {
                counts = api.task(accepted.taskId());
                long answered = System.nanoTime();
                if (recordedAt == 0 && recorded.test(counts)) {
                    recordedAt = answered;
                }
                if (ackedAt == 0 && acked.test(counts)) {
                    ackedAt = answered;
                }
                nextPoll = answered + timing.poll().toNanos();
                continue;
            }
            Thread.sleep(2);
        }
        Thread.sleep(timing.settle().toMillis()); // late duplicates, if any, arrive now
        counts = api.task(accepted.taskId());
        session.fleet.listener(FleetListener.NONE);
        int reached = recorder.reached();
        return new Result(accepted.taskId(), ms(accepted.answeredAtNanos() - t0),
                reached > 0 ? ms(recorder.firstNanos() - t0) : Double.NaN,
                reached > 0 ? ms(recorder.arrivals(t0).p50()) : Double.NaN,
                reached == clients ? ms(recorder.lastNanos() - t0) : Double.NaN,
                recordedAt > 0 ? ms(recordedAt - t0) : Double.NaN,
                ackedAt > 0 ? ms(ackedAt - t0) : Double.NaN,
                reached, recorder.missing(), recorder.duplicates(), recorder.foreign(), counts);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
