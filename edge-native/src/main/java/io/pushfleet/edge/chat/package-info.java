/**
 * Messages clients send (DESIGN 3.7, 3.8). {@link io.pushfleet.edge.chat.ChatService} handles {@code send} and
 * {@code uplink}: a message id, the claim in {@link io.pushfleet.edge.chat.ClientMessages} (so a repeat of the
 * same {@code clientMsgId} is answered with the first receipt), the Kafka record through
 * {@link io.pushfleet.edge.chat.UplinkProducer}, the sender's receipt, then
 * {@link io.pushfleet.edge.chat.ChatRouter}, which writes to targets on this node, relays to other nodes'
 * command streams, and reports unreachable targets for the offline store. Redis lookups (routes, group
 * members, live nodes) sit behind {@link io.pushfleet.edge.chat.ChatDirectory}. Start with {@code ChatService}.
 */
package io.pushfleet.edge.chat;
