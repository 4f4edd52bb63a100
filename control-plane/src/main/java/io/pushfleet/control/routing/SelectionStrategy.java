package io.pushfleet.control.routing;

/**
 * The edge selection strategies {@code push.routing.strategy} can name (DESIGN 3.9), each with its
 * {@link NodeSelector} in {@link NodeSelectorProducer}. Config values are the constant names in lower
 * case with hyphens; {@code auto} is still to come.
 */
public enum SelectionStrategy {
    /** Each login gets the next node in node-id order. Config value {@code round-robin}. */
    ROUND_ROBIN,
    /** A uniformly random node, distinct random fallbacks. Config value {@code random}. */
    RANDOM,
    /** The node a user id hashes to on a ring with virtual nodes. Config value {@code consistent-hash}. */
    CONSISTENT_HASH,
    /** Smooth weighted round-robin over {@code push.routing.weights}. Config value {@code weighted}. */
    WEIGHTED
}
