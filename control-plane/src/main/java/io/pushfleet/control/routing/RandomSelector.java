package io.pushfleet.control.routing;

import io.pushfleet.model.registry.NodeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/**
 * Picks the primary uniformly at random among the candidates and the fallbacks uniformly among the
 * rest (a partial Fisher-Yates shuffle), so they are always distinct. Without load information this
 * spreads as evenly as round-robin and needs no shared position.
 */
public final class RandomSelector implements NodeSelector {

    private final Supplier<RandomGenerator> random;

    /** Draws from the calling thread's {@link ThreadLocalRandom}. */
    public RandomSelector() {
        this.random = ThreadLocalRandom::current;
    }

    /** Draws from {@code random}, for deterministic tests; the caller makes it safe to share if it is shared. */
    RandomSelector(RandomGenerator random) {
        requireNonNull(random, "random");
        this.random = () -> random;
    }

    @Override
    public List<NodeInfo> select(List<NodeInfo> candidates, SelectionRequest request, int count) {
        int picks = SelectionArguments.picks(candidates, count);
        RandomGenerator generator = random.get();
        List<NodeInfo> pool = new ArrayList<>(candidates);
        for (int i = 0; i < picks; i++) {
            int j = i + generator.nextInt(pool.size() - i);
            pool.set(j, pool.set(i, pool.get(j)));
        }
        return List.copyOf(pool.subList(0, picks));
    }

    @Override
    public SelectionStrategy strategy() {
        return SelectionStrategy.RANDOM;
    }
}
