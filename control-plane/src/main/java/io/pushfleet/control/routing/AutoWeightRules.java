package io.pushfleet.control.routing;

import io.pushfleet.control.config.PushConfig;
import io.pushfleet.model.registry.NodeInfo;
import io.pushfleet.model.registry.NodeState;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The {@code auto} strategy's formula (docs/routing.md has a worked example). A node's <em>target</em> is
 * {@value #FULL} times its scarcest headroom (free connections against capacity, free CPU, free heap, direct
 * memory against the heap maximum, event-loop lag against {@code maxLoopLag}), at least 1, and at most the
 * ramp-up cap while the node is young; it is 0 only when the node is not {@code UP} or at/over capacity.
 * {@link #next} moves a weight toward its target: not at all for a change under {@code hysteresis}, by at
 * most {@code maxStep}, and straight to 0 when the node is excluded. Values are checked by ConfigCheck.
 *
 * @param rampUp     how long after boot a node's weight is capped below {@value #FULL}; zero turns ramp-up off
 * @param rampStart  the cap at boot, as a fraction of {@value #FULL}, growing linearly to 1 over {@code rampUp}
 * @param hysteresis smallest change of target that moves a weight (weight points)
 * @param maxStep    largest change of a weight per update (weight points)
 * @param maxLoopLag event-loop lag at which that headroom reaches 0
 */
public record AutoWeightRules(Duration rampUp, double rampStart, int hysteresis, int maxStep, Duration maxLoopLag) {

    /** The weight of an idle, fully grown node. */
    public static final int FULL = 100;

    public AutoWeightRules {
        requireNonNull(rampUp, "rampUp");
        requireNonNull(maxLoopLag, "maxLoopLag");
    }

    public static AutoWeightRules of(PushConfig.Routing.Auto auto) {
        return new AutoWeightRules(auto.rampUp(), auto.rampStart(), auto.hysteresis(), auto.maxStep(), auto.maxLoopLag());
    }

    /** Whether the node may not be chosen whatever the rest of its report says: not {@code UP}, or full. */
    public static boolean excluded(NodeInfo node) {
        return node.state() != NodeState.UP || node.capacity() <= 0 || node.connections() >= node.capacity();
    }

    /** The weight the node's report asks for: 0 when {@link #excluded}, else 1..{@value #FULL}. */
    public int target(NodeInfo node) {
        if (excluded(node)) {
            return 0;
        }
        double headroom = Math.min(Math.min(
                        free(node.connections(), node.capacity()),
                        1.0 - clamp(node.cpuLoad())),
                Math.min(Math.min(
                                free(node.heapUsedBytes(), node.heapMaxBytes()),
                                free(node.directUsedBytes(), node.heapMaxBytes())),
                        free(node.loopLagMicros(), maxLoopLag.toNanos() / 1_000)));
        int byLoad = (int) Math.round(FULL * headroom);
        return Math.max(1, Math.min(byLoad, rampCap(node)));
    }

    /** The next weight of a node now weighing {@code current}. */
    public int next(int current, NodeInfo node) {
        int target = target(node);
        if (target == 0) {
            return 0;
        }
        int change = target - current;
        // A node leaving exclusion always moves, or a target under the hysteresis would keep it at 0.
        if (current > 0 && Math.abs(change) < hysteresis) {
            return current;
        }
        return current + Math.clamp(change, -maxStep, maxStep);
    }

    /** The highest target a node may have at its age (its last report's time less its boot time, both the edge's clock). */
    int rampCap(NodeInfo node) {
        if (rampUp.isZero()) {
            return FULL;
        }
        long uptimeMillis = node.reportedAt().toEpochMilli() - node.bootEpoch();
        double grown = clamp(uptimeMillis / (double) rampUp.toMillis());
        return (int) Math.round(FULL * (rampStart + (1.0 - rampStart) * grown));
    }

    /** {@code 1 - used/max} within 0..1; 1 when the maximum is not known (0 or less). */
    private static double free(long used, long max) {
        return max <= 0 ? 1.0 : 1.0 - clamp(used / (double) max);
    }

    private static double clamp(double fraction) {
        return Double.isNaN(fraction) ? 0.0 : Math.clamp(fraction, 0.0, 1.0);
    }
}
