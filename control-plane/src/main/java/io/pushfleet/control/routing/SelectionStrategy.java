package io.pushfleet.control.routing;

/**
 * The edge selection strategies {@code push.routing.strategy} can name (DESIGN 3.9). Only round-robin
 * exists yet; random, consistent-hash, weighted and auto come as further constants, each with its
 * {@link NodeSelector} in {@link NodeSelectorProducer}.
 */
public enum SelectionStrategy {
    /** Each login gets the next node in node-id order. Config value {@code round-robin}. */
    ROUND_ROBIN
}
