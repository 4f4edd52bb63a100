/**
 * The node registry as the control plane reads it (DESIGN 3.9): edges report into Redis, and
 * {@link io.pushfleet.control.registry.RegistryService} turns those reports into
 * {@link io.pushfleet.control.registry.NodeStatus} values (live, selectable). Start with
 * {@code NodeStatus.evaluate}, the liveness rule; {@link io.pushfleet.control.registry.RegistryRepository}
 * is the Redis port. There is no REST resource here: the admin API shows the registry.
 */
package io.pushfleet.control.registry;
