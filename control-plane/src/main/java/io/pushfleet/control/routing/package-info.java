/**
 * Where clients go and where they are. Going: {@link io.pushfleet.control.routing.RoutingService} asks a
 * {@link io.pushfleet.control.routing.NodeSelector} (one per {@link io.pushfleet.control.routing.SelectionStrategy},
 * made by {@link io.pushfleet.control.routing.NodeSelectorProducer}) for a primary edge and fallbacks.
 * Being: {@link io.pushfleet.control.routing.PresenceService} reads the route table the edges write
 * (DESIGN 3.4). To add a strategy, add a constant, a selector and a case in the producer. The weighted strategy's
 * {@link io.pushfleet.control.routing.NodeWeights} come from {@code push.routing.weights}.
 */
package io.pushfleet.control.routing;
