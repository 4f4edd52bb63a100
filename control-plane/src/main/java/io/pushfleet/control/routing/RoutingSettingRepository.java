package io.pushfleet.control.routing;

import java.util.Optional;

/** Where the runtime {@link RoutingSetting} is shared between control planes (one Redis key). */
public interface RoutingSettingRepository {

    /**
     * The stored setting, empty when none is stored. Throws {@link IllegalArgumentException} when what is
     * stored cannot be read as a setting (written by hand, say).
     */
    Optional<RoutingSetting> read();

    /** Stores {@code strategy} and {@code weights} atomically under the next version, and returns what was stored. */
    RoutingSetting write(SelectionStrategy strategy, NodeWeights weights);
}
