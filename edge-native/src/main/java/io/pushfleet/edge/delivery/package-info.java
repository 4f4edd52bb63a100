/**
 * Commands that arrive for this node and are delivered to its connections. Now: the node's command stream
 * ({@link io.pushfleet.edge.delivery.NodeStreamReader}, one blocking reader thread) and
 * {@link io.pushfleet.edge.delivery.NodeCommandDispatcher}, which closes connections replaced on other nodes.
 * Later issues add pushes, broadcasts and chat delivery here. Start with {@code NodeCommandDispatcher}.
 */
package io.pushfleet.edge.delivery;
