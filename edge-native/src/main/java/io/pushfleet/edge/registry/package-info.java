/**
 * What the edge shares with the fleet through Redis: the route table ({@link io.pushfleet.edge.registry.RouteTable}
 * port, {@link io.pushfleet.edge.registry.RedisRouteTable} adapter) and the rules for replacing a device's
 * connection ({@link io.pushfleet.edge.registry.RouteRegistrar}, which also announces each routed connection
 * with a {@code connected} event), this node's registry report
 * ({@link io.pushfleet.edge.registry.NodeReporter}), the guard against two live nodes with one id
 * ({@link io.pushfleet.edge.registry.NodeIdGuard}), and the token public keys
 * ({@link io.pushfleet.edge.registry.TokenKeys}). Start with {@code RouteRegistrar}.
 */
package io.pushfleet.edge.registry;
