/**
 * Delivery to this node's connections and the reports about it. Two blocking readers
 * ({@link io.pushfleet.edge.delivery.StreamReader}) read this node's command stream and the broadcast
 * stream; {@link io.pushfleet.edge.delivery.NodeCommandDispatcher} acts on kicks and hands push entries to
 * {@link io.pushfleet.edge.delivery.PushDispatcher}, which reports outcomes on the events stream
 * ({@link io.pushfleet.edge.delivery.EventStream}). The fan-out itself is
 * {@link io.pushfleet.edge.delivery.LocalDelivery}: encode once per wire ({@link io.pushfleet.edge.delivery.PushEncoder}),
 * one task per event loop, retained duplicates per connection. Client acks are batched per node by
 * {@link io.pushfleet.edge.delivery.AckBatcher}. Start with {@code LocalDelivery}.
 */
package io.pushfleet.edge.delivery;
