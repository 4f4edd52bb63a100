package io.pushfleet.edge.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN 3.10: the reconnect rate bound, on a fake clock. */
class DrainPacerTest {

    private static final Duration TICK = Duration.ofMillis(100);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void neverGrantsMoreThanTheRateInAnyOneSecondWindow() {
        int rate = 500;
        DrainPacer pacer = new DrainPacer(rate, TICK, 3, 0);
        List<long[]> grants = run(pacer, 3, 20, new Random(7), Duration.ofMillis(30));

        assertThat(maxInAnyWindow(grants, SECOND)).isLessThanOrEqualTo(rate);
    }

    @Test
    void sustainsAtLeastNinetyPercentOfTheRateWhenTheLoopsTickOnTime() {
        int rate = 500;
        DrainPacer pacer = new DrainPacer(rate, TICK, 2, 0);
        List<long[]> grants = run(pacer, 2, 20, new Random(11), Duration.ZERO);

        long total = grants.stream().mapToLong(g -> g[1]).sum();
        assertThat(total).isGreaterThanOrEqualTo((long) (0.9 * rate * 20));
    }

    @Test
    void startsEmptySoADrainBeginsWithoutABurst() {
        DrainPacer pacer = new DrainPacer(1000, TICK, 1, 0);

        assertThat(pacer.take(0, 0)).isZero();
        assertThat(pacer.take(0, TICK.toNanos())).isBetween(80, 91);
    }

    @Test
    void sharesABucketEquallyAmongTheLoopsThatAsk() {
        // Rate 1101: 1000 permits a second refill, 100 a tick.
        DrainPacer pacer = new DrainPacer(1101, TICK, 2, 0);
        long t = TICK.toNanos();

        int first = pacer.take(0, t);
        int second = pacer.take(1, t);

        assertThat(first).isEqualTo(51);
        assertThat(second).isEqualTo(49);
    }

    @Test
    void aLoneLoopGetsTheWholeRateOnceTheOthersStopAsking() {
        DrainPacer pacer = new DrainPacer(1101, TICK, 2, 0);
        long tick = TICK.toNanos();
        pacer.take(0, tick);
        pacer.take(1, tick);

        // Loop 1 ran out of clients and stopped asking; after two ticks loop 0 may take a full bucket.
        pacer.take(0, 2 * tick);
        pacer.take(0, 3 * tick);
        assertThat(pacer.take(0, 4 * tick)).isEqualTo(101);
    }

    @Test
    void lowRatesStillGrantWholePermits() {
        DrainPacer pacer = new DrainPacer(10, TICK, 4, 0);
        List<long[]> grants = run(pacer, 4, 30, new Random(3), Duration.ofMillis(30));

        // Late, irregular asks let a small bucket fill up and waste some refill; 3/4 of the rate is still kept.
        long total = grants.stream().mapToLong(g -> g[1]).sum();
        assertThat(total).isBetween(3L * 10 * 30 / 4, 10L * 30);
        assertThat(maxInAnyWindow(grants, SECOND)).isLessThanOrEqualTo(10);
    }

    @Test
    void refundedPermitsGoToTheNextAsker() {
        DrainPacer pacer = new DrainPacer(1101, TICK, 2, 0);
        long t = TICK.toNanos();
        int taken = pacer.take(0, t);

        pacer.refund(taken);

        assertThat(pacer.take(1, t)).isEqualTo(51);
        assertThat(pacer.take(0, t)).isEqualTo(49);
    }

    @Test
    void aHigherRateTakesEffectAtOnce() {
        DrainPacer pacer = new DrainPacer(100, TICK, 1, 0);
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t += TICK.toNanos();
            pacer.take(0, t);
        }

        pacer.rate(2000);
        int granted = 0;
        for (int i = 0; i < 10; i++) {
            t += TICK.toNanos();
            granted += pacer.take(0, t);
        }

        assertThat(granted).isBetween(1800, 2000);
    }

    @Test
    void refusesARateBelowTwo() {
        assertThatThrownBy(() -> new DrainPacer(1, TICK, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate: 1 (expected: >= 2)");
    }

    /**
     * {@code loops} loops each asking every tick, with a random phase and up to {@code lateness} of scheduling
     * delay per tick, for {@code seconds}. Returns (time, permits) of every grant.
     */
    private static List<long[]> run(DrainPacer pacer, int loops, int seconds, Random random, Duration lateness) {
        long tick = TICK.toNanos();
        long[] next = new long[loops];
        for (int i = 0; i < loops; i++) {
            next[i] = random.nextLong(tick);
        }
        List<long[]> grants = new ArrayList<>();
        long end = seconds * SECOND;
        while (true) {
            int loop = 0;
            for (int i = 1; i < loops; i++) {
                if (next[i] < next[loop]) {
                    loop = i;
                }
            }
            long now = next[loop];
            if (now >= end) {
                return grants;
            }
            int granted = pacer.take(loop, now);
            if (granted > 0) {
                grants.add(new long[] {now, granted});
            }
            next[loop] = now + tick + (lateness.isZero() ? 0 : random.nextLong(lateness.toNanos()));
        }
    }

    /** The most permits granted within any window of {@code width} nanos (closed at both ends). */
    private static long maxInAnyWindow(List<long[]> grants, long width) {
        long max = 0;
        int start = 0;
        long sum = 0;
        for (long[] grant : grants) {
            sum += grant[1];
            while (grant[0] - grants.get(start)[0] > width) {
                sum -= grants.get(start)[1];
                start++;
            }
            max = Math.max(max, sum);
        }
        return max;
    }
}
