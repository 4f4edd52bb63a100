package io.pushfleet.bench.push;

import io.pushfleet.bench.stats.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Run counting shared by the scenarios: warm-up runs have negative numbers and are not reported. */
final class Runs {

    private Runs() {
    }

    static List<String> problems(int runs, int warmupRuns) {
        List<String> problems = new ArrayList<>();
        if (runs < 1 || runs > 100) {
            problems.add("--runs: " + runs + " (expected: 1..100)");
        }
        if (warmupRuns < 0 || warmupRuns > 100) {
            problems.add("--warmup-runs: " + warmupRuns + " (expected: 0..100)");
        }
        return problems;
    }

    /** Checks of the options every push scenario has: body size and poll interval. */
    static List<String> pushProblems(int bodyBytes, Duration poll) {
        List<String> problems = new ArrayList<>();
        if (bodyBytes < PushBody.MIN_BYTES || bodyBytes > PushBody.MAX_BYTES) {
            problems.add("--body-bytes: " + bodyBytes + " (expected: " + PushBody.MIN_BYTES + ".." + PushBody.MAX_BYTES + ")");
        }
        if (poll.toMillis() < 10) {
            problems.add("--poll: " + poll + " (expected: >= 10ms)");
        }
        return problems;
    }

    /** Milliseconds as a table shows them: whole numbers, {@code -} for a stage not reached. */
    static String ms(double ms) {
        return Table.format(ms, 0);
    }

    /** {@code warm-up} for negative {@code run}s, {@code run 3/10} for run 2 of 10 (runs count from 0). */
    static String label(int run, int runs) {
        return run < 0 ? "warm-up" : "run " + (run + 1) + "/" + runs;
    }
}
