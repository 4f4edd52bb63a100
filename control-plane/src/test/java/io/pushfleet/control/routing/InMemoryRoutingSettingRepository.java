package io.pushfleet.control.routing;

import java.util.Optional;

/** {@link RoutingSettingRepository} in memory: one stored setting that several {@link RoutingSettings} can share. */
final class InMemoryRoutingSettingRepository implements RoutingSettingRepository {

    private RoutingSetting stored;
    private RuntimeException failure;

    @Override
    public synchronized Optional<RoutingSetting> read() {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized RoutingSetting write(SelectionStrategy strategy, NodeWeights weights) {
        stored = new RoutingSetting(strategy, weights, stored == null ? 1 : stored.version() + 1);
        return stored;
    }

    /** Removes the stored setting, as deleting the Redis key does. */
    synchronized void delete() {
        stored = null;
    }

    /** Makes every read throw {@code failure} (null: read normally again). */
    synchronized void failReadsWith(RuntimeException failure) {
        this.failure = failure;
    }
}
