/**
 * Where clients go and where they are. Going: {@link io.pushfleet.control.routing.RoutingService} asks the
 * {@link io.pushfleet.control.routing.NodeSelector} of the setting in force
 * ({@link io.pushfleet.control.routing.RoutingSettings}: configured, or stored in Redis by
 * {@link io.pushfleet.control.routing.RoutingResource}) for a primary edge and fallbacks; one selector per
 * {@link io.pushfleet.control.routing.SelectionStrategy}. The {@code auto} strategy's weights live in
 * {@link io.pushfleet.control.routing.AutoWeights} (formula: {@link io.pushfleet.control.routing.AutoWeightRules}),
 * recomputed by {@link io.pushfleet.control.routing.RoutingRefresh}. Being:
 * {@link io.pushfleet.control.routing.PresenceService} reads the route table the edges write (DESIGN 3.4). To add
 * a strategy, add a constant, a selector and a case in {@code RoutingSettings}.
 */
package io.pushfleet.control.routing;
