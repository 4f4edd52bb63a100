/**
 * Is this node alive, ready and how loaded is it: {@link io.pushfleet.edge.health.EdgeMetrics} (every
 * meter of the edge's own), {@link io.pushfleet.edge.health.ProcessMeters} (JVM, process and Netty meters from
 * Micrometer's binders), {@link io.pushfleet.edge.health.NodeStatus} (starting, serving, draining),
 * the probes ({@link io.pushfleet.edge.health.RedisProbe}, {@link io.pushfleet.edge.health.LoopLagProbe},
 * {@link io.pushfleet.edge.health.ProcessStats}), {@link io.pushfleet.edge.health.LogThrottle} for failures that
 * would otherwise be logged per message, and {@link io.pushfleet.edge.health.AdminHttpHandler}, which
 * answers {@code /health/live}, {@code /health/ready} and {@code /metrics} on the admin port (its pipeline is
 * built by {@code pipeline.AdminInitializer}). Start with {@code AdminHttpHandler}.
 */
package io.pushfleet.edge.health;
