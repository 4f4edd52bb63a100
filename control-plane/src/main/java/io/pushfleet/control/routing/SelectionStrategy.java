package io.pushfleet.control.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The edge selection strategies {@code push.routing.strategy} and {@code PUT /api/admin/routing} can name
 * (DESIGN 3.9), each with its {@link NodeSelector} made by {@link RoutingSettings}. Names are the constant
 * names in lower case with hyphens ({@link #configName()}).
 */
public enum SelectionStrategy {
    /** Smooth weighted round-robin over weights computed from each node's report ({@link AutoWeights}). Config value {@code auto}. */
    AUTO,
    /** Each login gets the next node in node-id order. Config value {@code round-robin}. */
    ROUND_ROBIN,
    /** A uniformly random node, distinct random fallbacks. Config value {@code random}. */
    RANDOM,
    /** The node a user id hashes to on a ring with virtual nodes. Config value {@code consistent-hash}. */
    CONSISTENT_HASH,
    /** Smooth weighted round-robin over static {@link NodeWeights}. Config value {@code weighted}. */
    WEIGHTED;

    /** Every name, in declaration order, for messages: {@code auto, round-robin, ...}. */
    public static final String NAMES = Arrays.stream(values()).map(SelectionStrategy::configName)
            .collect(Collectors.joining(", "));

    /** The name in config, the admin API and Redis: {@code round-robin}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The strategy of that exact name (case-sensitive), if any. */
    public static Optional<SelectionStrategy> fromConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName().equals(name)).findFirst();
    }

    /** Whether this strategy selects by weights, so a node has a weight to show. */
    public boolean weighted() {
        return this == AUTO || this == WEIGHTED;
    }
}
